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

export type ReadReply =
  | { ok: true; sheet: Sheet }
  | { ok: false; error: { status: number; code: string; message: string; details?: unknown } };

async function run(job: ReadJob): Promise<ReadReply> {
  try {
    const read = job.format === 'csv' ? readCsv : readXlsx;
    return { ok: true, sheet: await read(job.bytes, job.limits) };
  } catch (err) {
    if (err instanceof ApiError) {
      const { status, code, message, details } = err;
      return { ok: false, error: { status, code, message, details } };
    }
    throw err;
  }
}

const job = workerData as ReadJob;
run(job).then(
  (reply) => parentPort?.postMessage(reply),
  (err: unknown) => {
    throw err; // the main thread's 'error' event: a bug, logged there
  },
);
