/**
 * Solves the server's proof of work (server/auth/proof.ts): a nonce such that
 * SHA-256(`<challenge>:<nonce>`) starts with the challenge's number of zero bits. Web Crypto
 * hashes a batch at a time; where it is missing (a plain-HTTP address other than localhost)
 * a small JavaScript SHA-256 does the same. The page stays responsive between batches.
 */
export interface Proof {
  challenge: string;
  nonce: string;
}

const BATCH = 256;

function zeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export async function solveProof(challenge: string): Promise<Proof> {
  const bits = Number(challenge.split('.')[3]);
  const subtle = globalThis.crypto?.subtle;
  const encoder = new TextEncoder();
  for (let start = 0; ; start += BATCH) {
    const nonces = Array.from({ length: BATCH }, (_, i) => (start + i).toString(36));
    const digests = subtle
      ? await Promise.all(
          nonces.map((n) =>
            subtle
              .digest('SHA-256', encoder.encode(`${challenge}:${n}`))
              .then((d) => new Uint8Array(d)),
          ),
        )
      : nonces.map((n) => sha256Head(`${challenge}:${n}`));
    const hit = digests.findIndex((d) => zeroBits(d) >= bits);
    if (hit >= 0) return { challenge, nonce: nonces[hit] ?? '' };
    if (!subtle && start % (BATCH * 64) === 0) await new Promise((ok) => setTimeout(ok, 0));
  }
}

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
const W = new Int32Array(64);
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** The first 4 bytes of SHA-256 of an ASCII string (enough to count up to 32 zero bits). */
export function sha256Head(s: string): Uint8Array {
  const n = s.length;
  const words = ((n + 8) >> 6) + 1;
  const m = new Int32Array(words * 16);
  for (let i = 0; i < n; i++)
    m[i >> 2] = (m[i >> 2] ?? 0) | (s.charCodeAt(i) << (24 - (i & 3) * 8));
  m[n >> 2] = (m[n >> 2] ?? 0) | (0x80 << (24 - (n & 3) * 8));
  m[words * 16 - 1] = n * 8;
  const h = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ];
  for (let b = 0; b < words * 16; b += 16) {
    for (let i = 0; i < 64; i++) {
      if (i < 16) W[i] = m[b + i] ?? 0;
      else {
        const x = W[i - 15] ?? 0;
        const y = W[i - 2] ?? 0;
        W[i] =
          (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) +
          (W[i - 7] ?? 0) +
          (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10)) +
          (W[i - 16] ?? 0);
      }
    }
    let [a, bb, c, d, e, f, g, hh] = h as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    for (let i = 0; i < 64; i++) {
      const t1 =
        hh +
        (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
        ((e & f) ^ (~e & g)) +
        (K[i] ?? 0) +
        (W[i] ?? 0);
      const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c));
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) | 0;
    }
    const add = [a, bb, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = ((h[i] ?? 0) + (add[i] ?? 0)) | 0;
  }
  const h0 = h[0] ?? 0;
  return new Uint8Array([(h0 >>> 24) & 255, (h0 >>> 16) & 255, (h0 >>> 8) & 255, h0 & 255]);
}
