import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Context } from 'hono';
import { ApiError } from '../errors';
import {
  MAX_PARALLEL_READS,
  MAX_WAITING_READS,
  megabytes,
  UPLOAD_LIMITS,
  type UploadLimits,
  vi,
} from './limits';
import { emptyFile, notSpreadsheet, type Sheet, startsWith } from './parse';
import type { ReadJob, ReadReply } from './worker';
import { inspectZip } from './zip';

export type { Sheet } from './parse';

/**
 * One way to read an uploaded spreadsheet, for the roster, the unit set and the appraised
 * self-assessment, from the console, the API and the CLI alike: the cheap checks here (size,
 * kind, the zip's directory), the parsing in a worker thread with its own capped heap and a
 * time limit. The event loop that answers respondents only waits for a message.
 */

export interface UploadFile {
  name: string;
  bytes: Uint8Array;
}

export interface ReadOptions {
  /** Tighter (or, in tests, tiny) limits than UPLOAD_LIMITS. */
  limits?: Partial<UploadLimits>;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * Reads an .xlsx or .csv file into its non-empty rows of text.
 * @throws ApiError with a stable code and a Vietnamese message: 413 `roster_too_large`,
 *   `roster_too_many_rows`, `upload_too_many_columns`, `upload_field_too_long`,
 *   `upload_too_many_cells`, `upload_expands_too_much`, `upload_too_many_entries`; 422
 *   `roster_empty`, `roster_not_spreadsheet`, `roster_bad_encoding`, `roster_bad_csv`,
 *   `upload_too_complex` (the worker ran out of its heap), `upload_timeout`; 400
 *   `roster_old_excel`, `roster_unsupported_type`; 503 `upload_busy`.
 */
export async function readUpload(file: UploadFile, options: ReadOptions = {}): Promise<Sheet> {
  const limits: UploadLimits = { ...UPLOAD_LIMITS, ...options.limits };
  const { bytes } = file;
  if (bytes.length === 0) throw emptyFile();
  if (bytes.length > limits.maxBytes) {
    const max = megabytes(limits.maxBytes);
    throw new ApiError(413, 'roster_too_large', `Tệp lớn hơn ${max} (tối đa ${max}).`);
  }
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (startsWith(bytes, OLE) || ext === 'xls') {
    throw new ApiError(
      400,
      'roster_old_excel',
      'Tệp Excel 97–2003 (.xls) chưa được hỗ trợ: mở bằng Excel và lưu lại dạng .xlsx hoặc .csv.',
    );
  }
  // The content decides, not the name: an .xlsx renamed .csv is still a workbook.
  let format: Sheet['format'];
  if (startsWith(bytes, ZIP)) {
    inspectZip(bytes, limits); // a zip bomb stops here, before any worker or XML
    format = 'xlsx';
  } else if (ext === 'xlsx') {
    throw notSpreadsheet();
  } else if (ext === 'csv' || ext === 'txt' || ext === 'tsv') {
    format = 'csv';
  } else {
    throw new ApiError(
      400,
      'roster_unsupported_type',
      `Không đọc được tệp ".${ext}": chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).`,
    );
  }
  return inTurn(() => {
    // The worker gets its own copy (moved, not cloned), made once it is this file's turn: the
    // caller still hashes file.bytes. Not bytes.slice(): on a Buffer (readFileSync, the CLI)
    // that is a view, and moving its memory would empty the caller's file, or Node's shared
    // pool of small Buffers.
    const copy = new Uint8Array(bytes);
    return runWorker({ format, bytes: copy, limits }, [copy.buffer]);
  });
}

// ————— at most MAX_PARALLEL_READS workers at once —————

let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(read: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL_READS) {
    if (waiting.length >= MAX_WAITING_READS) {
      throw new ApiError(
        503,
        'upload_busy',
        `Máy chủ đang đọc ${vi(running + waiting.length)} tệp khác: vui lòng thử lại sau ít phút.`,
      );
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  try {
    return await read();
  } finally {
    // The slot passes straight to the next upload in line, or is freed.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

// ————— the worker —————

const WORKER_FILE = fileURLToPath(new URL('./worker.ts', import.meta.url));
/**
 * The server runs TypeScript through tsx (npm start, npm run cli), vitest through its own
 * transformer; neither reaches a worker thread on Node 20 (`--import tsx` in a worker's
 * execArgv and module.register() in it are both ignored for the worker's own entry). tsx's
 * CommonJS hook is installed by the worker itself, in its thread, before it requires the .ts
 * entry: the same everywhere. A fresh worker per file costs its start (measured with the load
 * average at 8 on 2 cores: a .csv read 0.2–0.35 s in all, an .xlsx 0.7–1.9 s, most of it
 * loading exceljs), the price of a heap that dies with the worker.
 */
const TSX_CJS = createRequire(import.meta.url).resolve('tsx/cjs/api');
const BOOT = `require(${JSON.stringify(TSX_CJS)}).register();\nrequire(${JSON.stringify(WORKER_FILE)});`;

export const tooComplex = () =>
  new ApiError(
    422,
    'upload_too_complex',
    'Tệp quá phức tạp để đọc (cần quá nhiều bộ nhớ): hãy chỉ giữ lại trang danh sách với các ' +
      'cột cần nhập, hoặc lưu thành .csv.',
  );

const timedOut = (limits: UploadLimits) =>
  new ApiError(
    422,
    'upload_timeout',
    `Đọc tệp quá ${vi(Math.max(1, Math.round(limits.timeMs / 1000)))} giây (tối đa ` +
      `${vi(Math.max(1, Math.round(limits.timeMs / 1000)))} giây) nên đã dừng: hãy chỉ giữ lại ` +
      'trang danh sách với các cột cần nhập, hoặc lưu thành .csv.',
  );

/**
 * One worker for one file. exceljs' streaming reader writes a sheet that comes before the
 * shared strings (Excel's own order) to a temporary file, and removes it only if the reading
 * runs to its end; the worker gets a directory of its own as TMPDIR, removed here once it has
 * stopped, whatever stopped it.
 */
async function runWorker(job: ReadJob, transfer: ArrayBuffer[]): Promise<Sheet> {
  const dir = await mkdtemp(join(tmpdir(), `cchc-upload-${process.pid}-`));
  try {
    return await new Promise<Sheet>((resolve, reject) => {
      const worker = new Worker(BOOT, {
        eval: true,
        workerData: job,
        transferList: transfer,
        env: { ...process.env, TMPDIR: dir, TMP: dir, TEMP: dir },
        resourceLimits: { maxOldGenerationSizeMb: job.limits.heapMb },
        stdout: false,
        stderr: false,
      });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // Whatever it was doing, it stops now and its heap goes back to the system.
        void worker.terminate().finally(fn);
      };
      const timer = setTimeout(() => settle(() => reject(timedOut(job.limits))), job.limits.timeMs);
      const rows: Sheet['rows'] = [];
      worker.on('message', (reply: ReadReply) => {
        if (reply.kind === 'rows') {
          for (const row of reply.rows) rows.push(row);
          return;
        }
        settle(() => {
          if (reply.kind === 'done') resolve({ format: reply.format, rows });
          else {
            const { status, code, message, details } = reply.error;
            reject(new ApiError(status as 400, code, message, details));
          }
        });
      });
      worker.on('error', (err: Error & { code?: string }) =>
        settle(() => {
          if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(tooComplex());
          else reject(err);
        }),
      );
      worker.on('exit', () => settle(() => reject(tooComplex())));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ————— the routes' side —————

/**
 * The multipart form of an upload route and its `file`, read once for the three importers.
 * @throws ApiError 400 `invalid_request` (with `missing` as its message) when there is no file.
 */
export async function uploadedForm(
  c: Context,
  missing: string,
): Promise<{ file: UploadFile; form: Record<string, unknown> }> {
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch (err) {
    // A body that is not a form (undici's TypeError); the body limit's own error passes on.
    if (err instanceof TypeError) throw new ApiError(400, 'invalid_request', missing);
    throw err;
  }
  const file = form.file;
  if (!(file instanceof File)) throw new ApiError(400, 'invalid_request', missing);
  return { file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, form };
}
