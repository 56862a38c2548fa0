import { inflateRawSync } from 'node:zlib';
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
 *   inflated for real with zlib's maxOutputLength, so a zip whose directory lies about its
 *   sizes is refused too, and exceljs never inflates more than maxExpandedBytes.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

export const expandsTooMuch = (limits: UploadLimits) =>
  new ApiError(
    413,
    'upload_expands_too_much',
    `Tệp Excel khi giải nén lớn hơn ${megabytes(limits.maxExpandedBytes)} (tối đa ` +
      `${megabytes(limits.maxExpandedBytes)} dữ liệu): hãy chỉ giữ lại trang danh sách, hoặc ` +
      'lưu thành .csv.',
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
 * Walks the local headers from the start of the file, as a streaming unzip does, and inflates
 * each entry, refusing once the total passes maxExpandedBytes (zlib stops there: memory is
 * bounded by the limit, not by the bomb). Returns the bytes actually expanded.
 */
export function verifyInflation(bytes: Uint8Array, limits: UploadLimits): number {
  try {
    return walkLocalEntries(bytes, limits);
  } catch (err) {
    // A header pointing past the end (RangeError from DataView) is a broken file, not a bug.
    if (err instanceof ApiError) throw err;
    throw notSpreadsheet();
  }
}

function walkLocalEntries(bytes: Uint8Array, limits: UploadLimits): number {
  const dv = view(bytes);
  let at = 0;
  let total = 0;
  while (at + 4 <= bytes.length && dv.getUint32(at, true) === LOCAL) {
    if (at + 30 > bytes.length) throw notSpreadsheet();
    const flags = dv.getUint16(at + 6, true);
    const method = dv.getUint16(at + 8, true);
    let compressed = dv.getUint32(at + 18, true);
    const data = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
    const described = (flags & 0x08) !== 0;
    if (method === 8) {
      const budget = limits.maxExpandedBytes - total;
      let result: { buffer: Buffer; engine: { bytesWritten: number } };
      try {
        result = inflateRawSync(bytes.subarray(data), {
          maxOutputLength: Math.max(1, budget),
          info: true,
        }) as unknown as typeof result;
      } catch (err) {
        if (err instanceof RangeError) throw expandsTooMuch(limits);
        throw notSpreadsheet();
      }
      total += result.buffer.length;
      // With a data descriptor the local header has no sizes: the deflate stream's end tells.
      if (described) compressed = result.engine.bytesWritten;
    } else if (method === 0) {
      if (described) throw notSpreadsheet();
      total += compressed;
    } else {
      throw notSpreadsheet();
    }
    if (total > limits.maxExpandedBytes) throw expandsTooMuch(limits);
    at = data + compressed;
    if (described) at += dv.getUint32(at, true) === DESCRIPTOR ? 16 : 12;
  }
  return total;
}
