import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { ErrorCode } from '../../contract/errors';
import { ApiError } from '../errors';
import type { UploadLimits } from './limits';
import type { Sheet } from './parse';
import { readCsv } from './parse-csv';
import { readXlsx } from './parse-xlsx';

/**
 * The reading worker: one per upload, started by readUpload (server/upload/read.ts) with the
 * file's bytes, gone when it has answered. Its heap is capped (resourceLimits) and the main
 * thread stops it after limits.timeMs, so no file can hold the event loop that answers
 * respondents, nor keep the memory it took: the worker's heap dies with it.
 */

export interface ReadJob {
  format: Sheet['format'];
  bytes: Uint8Array;
  limits: UploadLimits;
}

/**
 * The worker's messages: the rows in batches, then `done` (or one `error`). Batches, because
 * the main thread rebuilds each message's strings itself: ~50,000 cells at a time (6,000 rows
 * of a roster) is ~15 ms of it, with requests answered in between, where 2,000,000 cells in one
 * message would hold it for most of a second.
 */
export type ReadReply =
  | { kind: 'rows'; rows: Sheet['rows'] }
  | { kind: 'done'; format: Sheet['format'] }
  | {
      kind: 'error';
      error: { status: number; code: ErrorCode; message: string; details?: unknown };
    };

export const CELLS_PER_MESSAGE = 50_000;

/** The rows cut into messages of about CELLS_PER_MESSAGE cells each. */
export function batches(rows: Sheet['rows']): Sheet['rows'][] {
  const out: Sheet['rows'][] = [];
  let batch: Sheet['rows'] = [];
  let cells = 0;
  for (const row of rows) {
    batch.push(row);
    cells += row.cells.length + 1;
    if (cells >= CELLS_PER_MESSAGE) {
      out.push(batch);
      batch = [];
      cells = 0;
    }
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

async function run(job: ReadJob): Promise<ReadReply[]> {
  try {
    const read = job.format === 'csv' ? readCsv : readXlsx;
    const sheet = await read(job.bytes, job.limits);
    return [
      ...batches(sheet.rows).map((rows): ReadReply => ({ kind: 'rows', rows })),
      { kind: 'done', format: sheet.format },
    ];
  } catch (err) {
    if (err instanceof ApiError) {
      const { status, code, message, details } = err;
      return [{ kind: 'error', error: { status, code, message, details } }];
    }
    throw err;
  }
}

if (!isMainThread) {
  run(workerData as ReadJob).then(
    (replies) => {
      for (const reply of replies) parentPort?.postMessage(reply);
    },
    (err: unknown) => {
      throw err; // the main thread's 'error' event: a bug, logged there
    },
  );
}
