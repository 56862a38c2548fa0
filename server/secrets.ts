import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * A random id: 128 bits, URL-safe. Random keys also give the anonymous tables random order.
 * It begins with a letter or digit (drawn again otherwise, one time in 32): people cite ids, and
 * one that began with "-" read as an option to the CLI and as a formula to a spreadsheet.
 */
export function randomId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (id[0] !== '-' && id[0] !== '_') return id;
  }
}

/**
 * The token of a personal link: HMAC(secret, nonce), 160 bits. The nonce (128 random bits) is
 * stored; the secret is not, so a copy of the database cannot make working links.
 */
export function linkToken(secret: string, nonce: string): string {
  return createHmac('sha256', secret)
    .update(`link:${nonce}`)
    .digest()
    .subarray(0, 20)
    .toString('base64url');
}

/** What the database keeps of a token: its SHA-256. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Recognises a retried submit without keeping its content: HMAC over id and canonical body. */
export const submitHash = (secret: string, canonicalBody: string) =>
  createHmac('sha256', secret).update(`submit:${canonicalBody}`).digest('base64url');

/** JSON with object keys sorted, so the same answers always hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

// No 0/O, 1/I/L: receipts and short codes are read aloud on the phone and typed by hand.
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const ALPHABET = CODE_ALPHABET;
const toCode = (bytes: Uint8Array) =>
  [...bytes]
    .map((b) => ALPHABET[b % ALPHABET.length])
    .join('')
    .replace(/(.{4})(?=.)/g, '$1-');

/** A receipt code like "K7Q4-MX2P-R9TA": about 60 random bits, tells nothing of the answers. */
export const newReceipt = () => toCode(randomBytes(12));

/**
 * The short code of a link ("K7QM-4X2P", about 40 bits), typed on the home page instead of
 * scanning. Derived from the secret like the token; guessing is stopped by rate limiting.
 */
export function shortCode(secret: string, nonce: string): string {
  return toCode(createHmac('sha256', secret).update(`short:${nonce}`).digest().subarray(0, 8));
}

/** What the database keeps of a short code, whatever case and dashes the person typed. */
export function shortCodeHash(secret: string, code: string): string {
  const clean = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return createHmac('sha256', secret).update(`short-hash:${clean}`).digest('base64url');
}

/** A new claim for a link opened for the first time: 160 random bits (see resume-code.ts). */
export const newClaim = () => randomBytes(20).toString('base64url');

/**
 * What the database keeps of a link's claim and of its resume code: HMACs under APP_SECRET,
 * bound to the invitation. The claim's is checked when the device that opened the link calls;
 * the code's when the person typed the code on another device (that path is rate limited).
 */
export const claimHash = (secret: string, invitationId: string, claim: string) =>
  createHmac('sha256', secret).update(`claim:${invitationId}:${claim}`).digest('base64url');
export const resumeHash = (secret: string, invitationId: string, code: string) =>
  createHmac('sha256', secret).update(`resume:${invitationId}:${code}`).digest('base64url');

/** Two hashes compared in constant time. */
export function sameHash(a: string, b: string | null): boolean {
  if (b === null) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The key of a link's draft: HKDF over the token and the resume code. The database keeps neither
 * (only hashes), the office knows only the token: neither can open a draft. The code has 80
 * random bits, so a slow KDF would add CPU to every save and nothing against guessing.
 */
export function draftKey(token: string, resumeCode: string): Buffer {
  return Buffer.from(hkdfSync('sha256', `${token}\u0000${resumeCode}`, '', 'cchc-draft-v2', 32));
}

/** Drafts are encrypted (AES-256-GCM) under `draftKey`: unreadable without the link and its claim. */
export function sealDraft(key: Buffer, plaintext: string): { iv: string; ciphertext: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return { iv: iv.toString('base64'), ciphertext: body.toString('base64') };
}

export function openDraft(key: Buffer, sealed: { iv: string; ciphertext: string }): string {
  const body = Buffer.from(sealed.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([
    decipher.update(body.subarray(0, body.length - 16)),
    decipher.final(),
  ]).toString('utf8');
}
