/**
 * Solves the server's proof of work (server/auth/proof.ts): a nonce such that
 * SHA-256(`<challenge>:<nonce>`) starts with the challenge's number of zero bits. Pure and
 * small: the console's sign-in and the SIPAS form (survey-client/sipas/) both use it.
 *
 * A plain JavaScript SHA-256, not Web Crypto: the challenge's whole 64-byte blocks are hashed
 * once (the "midstate"), so each try costs a single compression of the last block, with no
 * allocation and no promise — measured in Chromium about ten times faster than `subtle.digest`
 * a nonce at a time (bench/sipas-pow.ts), and the same on plain-HTTP addresses where Web Crypto
 * is missing. The page stays responsive: it yields to the browser every few thousand tries.
 */
export interface Proof {
  challenge: string;
  nonce: string;
}

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INIT = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
const W = new Int32Array(64);

/** One SHA-256 compression of `block` (16 big-endian words from `at`) into `h` (8 words). */
function compress(h: Int32Array, m: Int32Array, at: number) {
  for (let i = 0; i < 16; i++) W[i] = m[at + i] as number;
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15] as number;
    const y = W[i - 2] as number;
    W[i] =
      (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
      (W[i - 7] as number) +
      (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) +
      (W[i - 16] as number);
  }
  let a = h[0] as number;
  let b = h[1] as number;
  let c = h[2] as number;
  let d = h[3] as number;
  let e = h[4] as number;
  let f = h[5] as number;
  let g = h[6] as number;
  let k = h[7] as number;
  for (let i = 0; i < 64; i++) {
    const t1 =
      (k +
        (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
        ((e & f) ^ (~e & g)) +
        (K[i] as number) +
        (W[i] as number)) |
      0;
    const t2 =
      ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
        ((a & b) ^ (a & c) ^ (b & c))) |
      0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = ((h[0] as number) + a) | 0;
  h[1] = ((h[1] as number) + b) | 0;
  h[2] = ((h[2] as number) + c) | 0;
  h[3] = ((h[3] as number) + d) | 0;
  h[4] = ((h[4] as number) + e) | 0;
  h[5] = ((h[5] as number) + f) | 0;
  h[6] = ((h[6] as number) + g) | 0;
  h[7] = ((h[7] as number) + k) | 0;
}

/** Leading zero bits of the first two words of a digest (enough for any difficulty ≤ 64). */
function zeroBits(h: Int32Array): number {
  const first = h[0] as number;
  return first !== 0 ? Math.clz32(first) : 32 + Math.clz32(h[1] as number);
}

/** Puts the ASCII bytes of `text` into big-endian words from byte `offset`. */
function put(words: Int32Array, offset: number, text: string) {
  for (let i = 0; i < text.length; i++) {
    const p = offset + i;
    words[p >> 2] = (words[p >> 2] as number) | ((text.charCodeAt(i) & 255) << (24 - (p & 3) * 8));
  }
}

/**
 * A solver for one challenge: `tries(from, count)` tries the nonces `from` … `from + count - 1`
 * (in base 36) and returns the first that pays, or null. Synchronous; solveProof loops over it.
 */
export function solver(challenge: string) {
  const bits = Number(challenge.split('.')[3]);
  const prefix = `${challenge}:`;
  const whole = prefix.length - (prefix.length % 64);
  const mid = new Int32Array(INIT);
  const head = new Int32Array(whole / 4);
  put(head, 0, prefix.slice(0, whole));
  for (let at = 0; at < head.length; at += 16) compress(mid, head, at);
  const tail = prefix.slice(whole);
  const h = new Int32Array(8);
  let last = new Int32Array(16);
  return function tries(from: number, count: number): string | null {
    for (let n = from; n < from + count; n++) {
      const nonce = n.toString(36);
      const length = tail.length + nonce.length;
      const blocks = length + 9 <= 64 ? 1 : 2;
      if (last.length !== blocks * 16) last = new Int32Array(blocks * 16);
      else last.fill(0);
      put(last, 0, tail + nonce);
      put(last, length, '\u0080');
      last[blocks * 16 - 1] = (whole + length) * 8;
      h.set(mid);
      for (let at = 0; at < last.length; at += 16) compress(h, last, at);
      if (zeroBits(h) >= bits) return nonce;
    }
    return null;
  };
}

/** Tries between two yields to the browser: a few milliseconds on a phone. */
const CHUNK = 2048;

/** Solves a challenge without freezing the page; `signal` stops it (a new challenge came). */
export async function solveProof(challenge: string, signal?: AbortSignal): Promise<Proof> {
  const tries = solver(challenge);
  for (let from = 0; ; from += CHUNK) {
    if (signal?.aborted) throw new Error('aborted');
    const nonce = tries(from, CHUNK);
    if (nonce !== null) return { challenge, nonce };
    await new Promise((ok) => setTimeout(ok, 0));
  }
}
