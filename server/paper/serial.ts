import { createHmac, randomInt } from 'node:crypto';

/**
 * The serial on a paper form's answer sheets: 8 random characters and a check character, printed
 * "K7QM-4X2P-R". It is random (never derived from an invitation, its nonce or the secret), so
 * nothing on the person's side can make it or recognise it. Only its HMAC is stored, like the
 * short codes: a copy of the database does not list the serials either.
 */

// The unambiguous alphabet of receipts and short codes (no 0/O, 1/I/L): typed by hand.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BODY = 8;

/**
 * The check character: Σ (i + 1) × value(c_i) mod 31. 31 is prime and the weights are 1–8, so a
 * single wrong character and two swapped neighbours always change it.
 */
function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * ALPHABET.indexOf(body[i] ?? '');
  return ALPHABET[sum % ALPHABET.length] ?? '';
}

/** A fresh serial, unformatted: 8 characters (about 40 random bits) and the check character. */
export function newSerial(): string {
  let body = '';
  for (let i = 0; i < BODY; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return body + checkChar(body);
}

/** "K7QM4X2PR" → "K7QM-4X2P-R", as printed. */
export const formatSerial = (serial: string) =>
  `${serial.slice(0, 4)}-${serial.slice(4, 8)}-${serial.slice(8)}`;

/**
 * What an officer typed, cleaned (any case, dashes and spaces) and checked: the 9 characters, or
 * null when it cannot be a serial (wrong length, a character not in the alphabet, a check
 * character that does not match: a typing error).
 */
export function parseSerial(typed: string): string | null {
  const clean = typed.toUpperCase().replace(/[\s\-–.·/]/g, '');
  if (clean.length !== BODY + 1) return null;
  if ([...clean].some((c) => !ALPHABET.includes(c))) return null;
  return checkChar(clean.slice(0, BODY)) === clean.slice(BODY) ? clean : null;
}

/** What the database keeps of a serial: HMAC(APP_SECRET, serial), so guessing needs the secret. */
export const serialHash = (secret: string, serial: string) =>
  createHmac('sha256', secret).update(`paper-serial:${serial}`).digest('base64url');
