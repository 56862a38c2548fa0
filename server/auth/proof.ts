import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Proof of work (hashcash): the server hands out a signed challenge; the client finds a nonce
 * such that SHA-256(`<challenge>:<nonce>`) starts with `bits` zero bits, about 2^bits hashes.
 * The challenge is signed with the app secret (HMAC), names what it is for (sign-in to one
 * account, short codes, or a SIPAS answer from one device at one collection point), expires, and is spent once (its id becomes the attempt's id, see
 * attempts.ts). Nothing is stored when it is issued.
 */
export const CHALLENGE_TTL_MS = 10 * 60_000;

export type ProofScope = 'login' | 'code' | 'sipas';

const mac = (secret: string, text: string) =>
  createHmac('sha256', secret).update(`proof:${text}`).digest('base64url');

/** A short, non-reversible name of what the challenge is for (an e-mail is not put in it). */
export const subjectOf = (secret: string, subject: string) =>
  createHmac('sha256', secret).update(`proof-subject:${subject}`).digest('base64url').slice(0, 16);

export function issueChallenge(
  secret: string,
  scope: ProofScope,
  subject: string,
  bits: number,
  now = Date.now(),
): string {
  const id = randomBytes(12).toString('base64url');
  const body = ['v1', scope, subjectOf(secret, subject), bits, now + CHALLENGE_TTL_MS, id].join(
    '.',
  );
  return `${body}.${mac(secret, body)}`;
}

/** Leading zero bits of a digest. */
export function zeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export type ProofCheck =
  | { ok: true; id: string; bits: number }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'other_subject' | 'not_solved' };

/** Checks a proof's signature, purpose, expiry and work; spending it is the caller's (attempts). */
export function checkProof(
  secret: string,
  scope: ProofScope,
  subject: string,
  proof: { challenge: string; nonce: string },
  now = Date.now(),
): ProofCheck {
  const parts = proof.challenge.split('.');
  if (parts.length !== 7 || parts[0] !== 'v1') return { ok: false, reason: 'malformed' };
  const [, kind, subjectHash, bitsText, expText, id, signature] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const expected = Buffer.from(mac(secret, parts.slice(0, 6).join('.')));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'forged' };
  if (kind !== scope || subjectHash !== subjectOf(secret, subject))
    return { ok: false, reason: 'other_subject' };
  if (Number(expText) < now) return { ok: false, reason: 'expired' };
  const bits = Number(bitsText);
  const digest = createHash('sha256').update(`${proof.challenge}:${proof.nonce}`).digest();
  if (zeroBits(digest) < bits) return { ok: false, reason: 'not_solved' };
  return { ok: true, id, bits };
}

/** Solves a challenge here (tests, the bench's honest clients): about 2^bits hashes. */
export function solveChallenge(challenge: string): { challenge: string; nonce: string } {
  const bits = Number(challenge.split('.')[3]);
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    if (zeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest()) >= bits)
      return { challenge, nonce };
  }
}

/**
 * How much work one more attempt costs, from the recent failures it is counted with: nothing
 * for the first `free`, then `minBits`, rising (by one bit per failure, or per doubling) to
 * `maxBits`. Never more than `maxBits`: whoever holds the right password or code always gets
 * in once the work is done — there is no flat lock for an attacker to impose on them.
 */
export interface CostCurve {
  free: number;
  minBits: number;
  maxBits: number;
  growth: 'per_failure' | 'per_doubling';
}

export function bitsFor(curve: CostCurve, failures: number): number {
  if (failures < curve.free) return 0;
  const extra =
    curve.growth === 'per_failure'
      ? failures - curve.free
      : Math.floor(Math.log2(failures / curve.free));
  return Math.min(curve.minBits + extra, curve.maxBits);
}

/** The number of recent failures below which a proof of `bits` still pays for an attempt. */
export function attemptsPaidBy(curve: CostCurve, bits: number): number {
  if (bits >= curve.maxBits) return Number.MAX_SAFE_INTEGER;
  // bitsFor is non-decreasing in failures: the first count that costs more than `bits`.
  let lo = 0;
  let hi = 2 ** 40;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (bitsFor(curve, mid) > bits) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Sign-in to one account from a device it has not signed in from: three tries free, then
 * 2^14 hashes (a fraction of a second in a phone's browser), one more bit per failure, capped
 * at 2^20 (about a million hashes: tens of seconds on a phone, ~0.1 s per guess for native code,
 * so a script trying ten thousand passwords pays ~1,000 s of CPU — and each guess also waits its
 * turn for scrypt, see password.ts).
 */
export const ACCOUNT_CURVE: CostCurve = {
  free: 3,
  minBits: 14,
  maxBits: 20,
  growth: 'per_failure',
};

/** Every account at once (spraying many accounts): past 100 failures an hour, new devices pay. */
export const LOGIN_SITE_CURVE: CostCurve = {
  free: 100,
  minBits: 14,
  maxBits: 20,
  growth: 'per_doubling',
};

/**
 * Short codes: one budget for the whole site. Codes are 8 characters of a 31-letter alphabet
 * (31^8 ≈ 8.5 × 10^11); a campaign has at most ~10^5 live codes, so a guess hits with odds of
 * about 1 in 10^7. 300 wrong codes an hour are free (typos of several halls at once); past that
 * every code typed costs 2^16 hashes (about a second in a phone's browser), one more bit per
 * doubling of the failures, capped at 2^20.
 */
export const CODE_CURVE: CostCurve = {
  free: 300,
  minBits: 16,
  maxBits: 20,
  growth: 'per_doubling',
};

/**
 * A SIPAS answer from a poster (issue #14.3): every submit pays 2^16 hashes. The form's solver
 * (survey-client/shared/pow.ts) runs while the person answers; measured in Chromium with the CPU
 * slowed four times it does about 160,000 tries a second (bench/sipas-pow.ts): 0.4 s on average,
 * 0.9 s for the unluckiest tenth — a phone pays under a second, and never while waiting for the
 * first screen. A script pays the same 65,536 hashes for every answer, on top of the device limit.
 */
export const SIPAS_BITS = 16;
