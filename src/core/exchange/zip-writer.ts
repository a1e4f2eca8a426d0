// The package's zip container, written from entries whose CRC-32 and sizes are already known (the data files are
// deflated in the exchange workers, which also compute their checksums with zlib's native CRC-32). A plain PKZIP
// 2.0 file: local headers with sizes (no data descriptors), a central directory, UTF-8 names, no zip64 — a package
// over 4 GB is refused (verification refuses any data file over 1.5 GB anyway). yauzl, Info-ZIP and Windows read it.
// Written here rather than with yazl because yazl computes every entry's CRC-32 in JavaScript (about a second of
// a 300 MB package) and deflates its entries one after the other.
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';

const MAX32 = 0xffffffff;
const VERSION_NEEDED = 20;
/** Made by: UNIX (3), spec 2.0 — so the permission bits in the external attributes are read. */
const VERSION_MADE_BY = (3 << 8) | 20;
const UTF8_NAMES = 0x0800;
const FILE_MODE = 0o100644;

export interface ZipEntryMeta {
  name: string;
  method: 0 | 8;
  crc32: number;
  size: number;
  compressedSize: number;
}

function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
  };
}

export class ZipWriter {
  private fd: number;
  private pos = 0;
  private hash = crypto.createHash('sha256');
  private central: Buffer[] = [];
  private count = 0;
  private readonly dt: { date: number; time: number };
  constructor(
    readonly file: string,
    mtime: Date,
  ) {
    this.fd = fs.openSync(file, 'w');
    this.dt = dosDateTime(mtime);
  }

  private write(buf: Buffer): void {
    if (this.pos + buf.length > MAX32) throw new AppError('VALIDATION', EXCHANGE.packageTooLarge);
    let done = 0;
    while (done < buf.length) done += fs.writeSync(this.fd, buf, done, buf.length - done);
    this.hash.update(buf);
    this.pos += buf.length;
  }

  /** The fields a local header and its central directory entry share, in the same order: version needed … name length. */
  private common(b: Buffer, at: number, meta: ZipEntryMeta, nameLength: number): void {
    b.writeUInt16LE(VERSION_NEEDED, at);
    b.writeUInt16LE(UTF8_NAMES, at + 2);
    b.writeUInt16LE(meta.method, at + 4);
    b.writeUInt16LE(this.dt.time, at + 6);
    b.writeUInt16LE(this.dt.date, at + 8);
    b.writeUInt32LE(meta.crc32 >>> 0, at + 10);
    b.writeUInt32LE(meta.compressedSize, at + 14);
    b.writeUInt32LE(meta.size, at + 18);
    b.writeUInt16LE(nameLength, at + 22);
  }

  /** One entry: its header, then `data` writes exactly `meta.compressedSize` bytes through the given function. */
  entry(meta: ZipEntryMeta, data: (write: (b: Buffer) => void) => void): void {
    if (meta.size > MAX32 || meta.compressedSize > MAX32) throw new AppError('VALIDATION', EXCHANGE.packageTooLarge);
    const name = Buffer.from(meta.name, 'utf8');
    const offset = this.pos;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    this.common(local, 4, meta, name.length);
    this.write(local);
    this.write(name);
    let written = 0;
    data((b) => {
      written += b.length;
      this.write(b);
    });
    if (written !== meta.compressedSize)
      throw new Error(`zip entry ${meta.name}: ${written} != ${meta.compressedSize}`);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(VERSION_MADE_BY, 4);
    this.common(c, 6, meta, name.length);
    // extra field length, comment length, disk number, internal attributes: 0
    c.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    c.writeUInt32LE(offset, 42);
    this.central.push(c, name);
    this.count++;
  }

  /** A small entry stored as is (the manifest and its signature: readable with any tool). */
  stored(name: string, buf: Buffer): void {
    this.entry({ name, method: 0, crc32: zlib.crc32(buf), size: buf.length, compressedSize: buf.length }, (w) =>
      w(buf),
    );
  }

  /** Writes the central directory, flushes to disk and closes; the zip's SHA-256 and size. */
  finish(): { sha256: string; size: number } {
    const start = this.pos;
    for (const b of this.central) this.write(b);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.count, 8);
    end.writeUInt16LE(this.count, 10);
    end.writeUInt32LE(this.pos - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = -1;
    return { sha256: this.hash.digest('hex'), size: this.pos };
  }

  /** Gives up: closes and removes the file. */
  abort(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
    fs.rmSync(this.file, { force: true });
  }
}

/** Copies `length` bytes at `offset` of an open file through `write`, a megabyte at a time. */
export function copyRange(fd: number, offset: number, length: number, write: (b: Buffer) => void): void {
  const buf = Buffer.allocUnsafe(Math.min(length, 1 << 20) || 1);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, 0, Math.min(buf.length, length - done), offset + done);
    if (n <= 0) throw new Error('scratch file shorter than expected');
    write(n === buf.length ? buf : buf.subarray(0, n));
    done += n;
  }
}
