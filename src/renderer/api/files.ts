// Files crossing the boundary as base64 (FileOut from excel.*, documents.*Pdf; uploads for excel.import).
// Downloads go through a Blob and an <a download>: in browser mode the browser saves the file, in Electron the
// session's download handling shows the system save dialog. Nothing here touches Node or the file system directly.
import type { FileOutT } from '../../shared/contract';
import { UI } from '../../shared/messages';

/** base64 → bytes, without building one huge intermediate array of char codes. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Offers a blob to the user as a file download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; give slow save dialogs time before releasing it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves a file the server produced (Excel template/export, PDF). */
export function downloadFile(file: FileOutT): void {
  downloadBlob(new Blob([base64ToBytes(file.base64)], { type: file.mimeType }), file.fileName);
}

/** Saves text as a UTF-8 file. CSV gets a BOM so Excel and WPS open the Chinese text correctly. */
export function downloadText(text: string, fileName: string, mimeType = 'text/csv;charset=utf-8'): void {
  const bom = mimeType.startsWith('text/csv') ? '\uFEFF' : '';
  downloadBlob(new Blob([bom + text], { type: mimeType }), fileName);
}

/** One CSV line (RFC 4180 quoting; CRLF line ends are added by `toCsv`). */
function csvLine(cells: readonly (string | number)[]): string {
  return cells
    .map((c) => {
      const s = String(c);
      // A leading = + - @ would make Excel evaluate the cell as a formula: prefix it with an apostrophe.
      const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
      return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(',');
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [csvLine(header), ...rows.map(csvLine)].join('\r\n') + '\r\n';
}

/**
 * Reads a picked file as base64 (no data: prefix). `onProgress` gets 0…1 while the file is read; reading a local
 * file is fast, the progress matters only for large files on slow (network) drives.
 */
export function readFileAsBase64(file: File, onProgress?: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onabort = () => reject(new Error('read aborted'));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      onProgress?.(1);
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.readAsDataURL(file);
  });
}

/** 1536 → "1.5 KB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return UI.importExport.bytes(bytes);
  if (bytes < 1024 * 1024) return UI.importExport.kb((bytes / 1024).toFixed(1));
  return UI.importExport.mb((bytes / 1024 / 1024).toFixed(1));
}
