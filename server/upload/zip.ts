import { createInflateRaw } from 'node:zlib';
import { ApiError } from '../errors';
import { megabytes, type UploadLimits, vi, ZIP_RATIO_FROM_BYTES } from './limits';

/**
 * An .xlsx is a zip. Before anything parses it, two checks that read no XML:
 *
 * - inspectZip (main thread, microseconds): the central directory's declared sizes, the number
 *   of entries and each large entry's compression ratio. A zip bomb is refused here, before a
 *   worker is even started.
 * - verifyInflation (in the reading worker, before exceljs): the entries as a streaming reader
 *   meets them (local headers, one after the other, which is what exceljs' unzipper reads),
 *   inflated for real and counted, so a zip whose directory lies about its sizes is refused
 *   too, and exceljs never inflates more than maxExpandedBytes.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export const expandsTooMuch = (limits: UploadLimits) =>
  new ApiError(
    413,
    'upload_expands_too_much',
    `Tệp Excel chứa quá nhiều dữ liệu khi giải nén (tối đa ${megabytes(limits.maxExpandedBytes)}` +
      '): hãy chỉ giữ lại trang danh sách, hoặc lưu thành .csv.',
  );

const notSpreadsheet = () =>
  new ApiError(
    422,
    'roster_not_spreadsheet',
    'Tệp không phải là bảng tính Excel (.xlsx) hay CSV đọc được.',
  );

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The end-of-central-directory record: within the last 64 KB + 22 bytes (its comment). */
function findEocd(bytes: Uint8Array, dv: DataView): number {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === EOCD) return i;
  }
  return -1;
}

export interface ZipSummary {
  entries: number;
  expandedBytes: number;
}

/** The central directory's word on the zip; throws ApiError when it is too big or broken. */
export function inspectZip(bytes: Uint8Array, limits: UploadLimits): ZipSummary {
  const dv = view(bytes);
  const eocd = findEocd(bytes, dv);
  if (eocd < 0) throw notSpreadsheet();
  const entries = dv.getUint16(eocd + 10, true);
  const start = dv.getUint32(eocd + 16, true);
  // 0xFFFF / 0xFFFFFFFF mean ZIP64: no spreadsheet an office sends needs it.
  if (entries === 0xffff || start === 0xffffffff) throw expandsTooMuch(limits);
  if (entries > limits.maxZipEntries) {
    throw new ApiError(
      413,
      'upload_too_many_entries',
      `Tệp Excel chứa ${vi(entries)} tệp con (tối đa ${vi(limits.maxZipEntries)}).`,
    );
  }
  let at = start;
  let expanded = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || dv.getUint32(at, true) !== CENTRAL) throw notSpreadsheet();
    const compressed = dv.getUint32(at + 20, true);
    const size = dv.getUint32(at + 24, true);
    if (size === 0xffffffff || compressed === 0xffffffff) throw expandsTooMuch(limits);
    expanded += size;
    if (expanded > limits.maxExpandedBytes) throw expandsTooMuch(limits);
    if (size >= ZIP_RATIO_FROM_BYTES && size > compressed * limits.maxCompressionRatio) {
      throw expandsTooMuch(limits);
    }
    at +=
      46 + dv.getUint16(at + 28, true) + dv.getUint16(at + 30, true) + dv.getUint16(at + 32, true);
  }
  return { entries, expandedBytes: expanded };
}

/**
 * Walks the entries as exceljs' unzipper meets them (lib/parse.js: local headers one after the
 * other from the start; the sizes of the local header, or up to the data descriptor's signature
 * when it has none; every method but "stored" inflated), inflating each one for real, streaming,
 * and counting: it stops as soon as the total passes maxExpandedBytes, so memory stays at one
 * 16 KB chunk whatever the bomb. Returns the bytes expanded.
 */
export async function verifyInflation(bytes: Uint8Array, limits: UploadLimits): Promise<number> {
  try {
    return await walkLocalEntries(bytes, limits);
  } catch (err) {
    // A header pointing past the end (RangeError from DataView) is a broken file, not a bug.
    if (err instanceof ApiError) throw err;
    throw notSpreadsheet();
  }
}

const DESCRIPTOR_BYTES = new Uint8Array([0x50, 0x4b, 0x07, 0x08]);

async function walkLocalEntries(bytes: Uint8Array, limits: UploadLimits): Promise<number> {
  const dv = view(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let total = 0;
  while (at + 30 <= bytes.length && dv.getUint32(at, true) === LOCAL) {
    const flags = dv.getUint16(at + 6, true);
    const method = dv.getUint16(at + 8, true);
    const declared = dv.getUint32(at + 18, true);
    const data = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
    const sizeKnown = (flags & 0x08) === 0 || declared > 0;
    const end = sizeKnown ? data + declared : buffer.indexOf(DESCRIPTOR_BYTES, data);
    if (end < data || end > bytes.length) throw notSpreadsheet();
    const slice = buffer.subarray(data, end);
    if (method === 0) total += slice.length;
    else total = await inflateCounting(slice, total, limits);
    if (total > limits.maxExpandedBytes) throw expandsTooMuch(limits);
    at = sizeKnown ? end : end + 16;
  }
  return total;
}

/** Inflates `slice`, keeping nothing but the count; refuses once `total` passes the limit. */
function inflateCounting(slice: Buffer, total: number, limits: UploadLimits): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const inflater = createInflateRaw();
    let sum = total;
    inflater.on('data', (chunk: Buffer) => {
      sum += chunk.length;
      if (sum > limits.maxExpandedBytes) {
        inflater.destroy();
        reject(expandsTooMuch(limits));
      }
    });
    inflater.on('end', () => resolve(sum));
    inflater.on('error', () => reject(notSpreadsheet()));
    inflater.end(slice);
  });
}
