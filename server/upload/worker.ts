import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../errors';
import type { UploadLimits } from './limits';
import { readCsv, readXlsx, type Sheet } from './parse';

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
 * the main thread rebuilds each message's strings itself: 5,000 rows at a time is ~15 ms of it,
 * with requests answered in between, where 100,000 rows in one message would hold it ~0.3 s.
 */
export type ReadReply =
  | { kind: 'rows'; rows: Sheet['rows'] }
  | { kind: 'done'; format: Sheet['format'] }
  | { kind: 'error'; error: { status: number; code: string; message: string; details?: unknown } };

export const ROWS_PER_MESSAGE = 5_000;

async function run(job: ReadJob): Promise<ReadReply[]> {
  try {
    const read = job.format === 'csv' ? readCsv : readXlsx;
    const sheet = await read(job.bytes, job.limits);
    const replies: ReadReply[] = [];
    for (let i = 0; i < sheet.rows.length; i += ROWS_PER_MESSAGE)
      replies.push({ kind: 'rows', rows: sheet.rows.slice(i, i + ROWS_PER_MESSAGE) });
    replies.push({ kind: 'done', format: sheet.format });
    return replies;
  } catch (err) {
    if (err instanceof ApiError) {
      const { status, code, message, details } = err;
      return [{ kind: 'error', error: { status, code, message, details } }];
    }
    throw err;
  }
}

const job = workerData as ReadJob;
run(job).then(
  (replies) => {
    for (const reply of replies) parentPort?.postMessage(reply);
  },
  (err: unknown) => {
    throw err; // the main thread's 'error' event: a bug, logged there
  },
);
