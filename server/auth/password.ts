import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Worker } from 'node:worker_threads';

// scrypt with N = 2^15, r = 8, p = 1: about 50 ms and 32 MiB per attempt, as OWASP suggests.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

/**
 * scrypt runs on one dedicated worker thread, not on Node's libuv pool: that pool (4 threads)
 * also gzips every response and reads files, so a flood of sign-ins hashed there made a
 * respondent's page wait seconds (issue #9.7). One thread leaves the other core to the site.
 * Jobs wait in a bounded queue; sign-ins from a device that signed in before go first.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
parentPort.on('message', (job) => {
  try {
    const key = scryptSync(job.password, Buffer.from(job.salt), job.length, {
      N: job.N, r: job.r, p: job.p, maxmem: 128 * job.N * job.r * 2,
    });
    parentPort.postMessage({ id: job.id, key });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String(error) });
  }
});`;

interface Job {
  id: number;
  password: string;
  salt: Uint8Array;
  length: number;
  N: number;
  r: number;
  p: number;
}
interface Pending {
  job: Job;
  ok: (key: Buffer) => void;
  fail: (err: Error) => void;
}

/** Sign-ins waiting for (or in) the hashing thread before more are refused with 503. */
export const MAX_SIGN_INS_WAITING = 8;
/** Room kept for devices that signed in before (a flood of strangers cannot take it). */
export const MAX_TRUSTED_WAITING = 8;

let worker: Worker | undefined;
let running: Pending | undefined;
const urgent: Pending[] = [];
const queue: Pending[] = [];
let nextId = 1;
let waitingSignIns = { trusted: 0, other: 0 };

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true });
  w.on('message', (msg: { id: number; key?: Uint8Array; error?: string }) => {
    const done = running;
    running = undefined;
    if (done && done.job.id === msg.id) {
      if (msg.key) done.ok(Buffer.from(msg.key));
      else done.fail(new Error(msg.error ?? 'scrypt failed'));
    }
    pump();
  });
  w.on('error', (err) => {
    worker = undefined;
    running?.fail(err);
    running = undefined;
    pump();
  });
  w.unref();
  worker = w;
  return w;
}

function pump() {
  if (running) return;
  const next = urgent.shift() ?? queue.shift();
  if (!next) {
    worker?.unref();
    return;
  }
  running = next;
  const w = ensureWorker();
  // Keeps the process alive while a hash is being computed (a CLI awaiting it, for one).
  w.ref();
  w.postMessage(next.job);
}

function derive(
  password: string,
  salt: Buffer,
  p: typeof PARAMS,
  priority: 'urgent' | 'normal' = 'normal',
): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const job: Job = {
      id: nextId++,
      password: password.normalize('NFC'),
      salt: new Uint8Array(salt),
      length: KEY_LENGTH,
      ...p,
    };
    (priority === 'urgent' ? urgent : queue).push({ job, ok, fail });
    pump();
  });
}

/**
 * A place in the sign-in queue, or null when it is full (the caller answers 503 at once).
 * Taken before anything else is done for a sign-in, released when it is answered.
 */
export function takeSignInSlot(trusted: boolean): (() => void) | null {
  const kind = trusted ? 'trusted' : 'other';
  const max = trusted ? MAX_TRUSTED_WAITING : MAX_SIGN_INS_WAITING;
  if (waitingSignIns[kind] >= max) return null;
  waitingSignIns = { ...waitingSignIns, [kind]: waitingSignIns[kind] + 1 };
  let released = false;
  return () => {
    if (released) return;
    released = true;
    waitingSignIns = { ...waitingSignIns, [kind]: waitingSignIns[kind] - 1 };
  };
}

/** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

export async function verifyPassword(
  password: string,
  stored: string,
  priority: 'urgent' | 'normal' = 'normal',
): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(
    password,
    Buffer.from(salt, 'base64'),
    { N: Number(n), r: Number(r), p: Number(p) },
    priority,
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Why a new password is refused, in Vietnamese, or null when it is good enough. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'Mật khẩu phải có ít nhất 10 ký tự.';
  if (password.length > 200) return 'Mật khẩu quá dài (tối đa 200 ký tự).';
  if (new Set(password).size < 5) return 'Mật khẩu quá đơn giản.';
  return null;
}
