// Verifies an uploaded xlsx (a zip) before exceljs parses it: every entry of the central directory must match its
// local header, tile the file exactly and inflate to its declared size and CRC-32, and the whole must not declare
// more than MAX_UNCOMPRESSED bytes. A damaged download, a truncated copy from a USB stick or a zip bomb is refused
// here with one clear message instead of failing (or using unbounded memory) inside the parser.
import zlib from 'node:zlib';

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
/** Uncompressed bytes a workbook may declare (a 200,000-row sheet is far below; a zip bomb or a damaged directory is not). */
const MAX_UNCOMPRESSED = 2 * 1024 ** 3;

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
}

export type ZipCheck = { ok: true } | { ok: false };

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}

function directory(buf: Buffer): { entries: Entry[]; cdStart: number } | null {
  if (buf.length < 22) return null;
  const eocd = findEocd(buf);
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const cdStart = buf.readUInt32LE(eocd + 16);
  if (cdStart + size > eocd) return null;
  let p = cdStart;
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CEN) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      csize: buf.readUInt32LE(p + 20),
      usize: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
      name: buf.toString('latin1', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return p <= eocd ? { entries, cdStart } : null;
}

/** Inflates `data` in chunks (bounded memory, yielding to the event loop) and checks size and CRC-32. */
function inflateMatches(data: Buffer, e: Entry): Promise<boolean> {
  return new Promise((resolve) => {
    const inflate = zlib.createInflateRaw();
    let crc = 0;
    let total = 0;
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      inflate.removeAllListeners('data');
      inflate.destroy();
      resolve(ok);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > e.usize) return finish(false);
      crc = zlib.crc32(chunk, crc);
    });
    inflate.on('error', () => finish(false));
    inflate.on('end', () => finish(total === e.usize && crc >>> 0 === e.crc >>> 0));
    inflate.end(data);
  });
}

/**
 * `{ ok: true }` when the zip is whole, `{ ok: false }` for a damaged / foreign file.
 * The entries must tile the file exactly: from byte 0, each header + data (+ descriptor) followed by the next, the
 * last ending where the central directory starts.
 */
export async function checkZip(buf: Buffer): Promise<ZipCheck> {
  const dir = directory(buf);
  if (!dir || dir.entries.length === 0) return { ok: false };
  let declared = 0;
  for (const e of dir.entries) {
    // ZIP64 (sizes beyond 4 GB) or encryption: no workbook the office makes looks like that.
    if (e.csize === 0xffffffff || e.usize === 0xffffffff || e.offset === 0xffffffff || e.flags & 0x1)
      return { ok: false };
    declared += e.usize;
  }
  if (declared > MAX_UNCOMPRESSED) return { ok: false };
  let expected = 0;
  for (const e of [...dir.entries].sort((a, b) => a.offset - b.offset)) {
    const o = e.offset;
    if (o !== expected || o + 30 > buf.length || buf.readUInt32LE(o) !== LOC) return { ok: false };
    const flags = buf.readUInt16LE(o + 6);
    const nameLen = buf.readUInt16LE(o + 26);
    const extraLen = buf.readUInt16LE(o + 28);
    if (buf.toString('latin1', o + 30, o + 30 + nameLen) !== e.name) return { ok: false };
    if (buf.readUInt16LE(o + 8) !== e.method || flags !== e.flags) return { ok: false };
    const start = o + 30 + nameLen + extraLen;
    let end = start + e.csize;
    if (end > buf.length) return { ok: false };
    if (flags & 0x8) {
      // Sizes follow the data in a descriptor (with or without its signature): it must repeat the directory's.
      const sig = end + 4 <= buf.length && buf.readUInt32LE(end) === DESCRIPTOR ? 4 : 0;
      if (end + sig + 12 > buf.length) return { ok: false };
      const d = end + sig;
      if (buf.readUInt32LE(d) !== e.crc || buf.readUInt32LE(d + 4) !== e.csize || buf.readUInt32LE(d + 8) !== e.usize) {
        return { ok: false };
      }
      end = d + 12;
    } else if (
      buf.readUInt32LE(o + 14) !== e.crc ||
      buf.readUInt32LE(o + 18) !== e.csize ||
      buf.readUInt32LE(o + 22) !== e.usize
    ) {
      return { ok: false };
    }
    const data = buf.subarray(start, start + e.csize);
    if (e.method === 0) {
      if (e.csize !== e.usize || zlib.crc32(data) >>> 0 !== e.crc >>> 0) return { ok: false };
    } else if (e.method === 8) {
      if (!(await inflateMatches(data, e))) return { ok: false };
    } else return { ok: false };
    expected = end;
  }
  return expected === dir.cdStart ? { ok: true } : { ok: false };
}
