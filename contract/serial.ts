/**
 * The serial on a paper form's answer sheets: 8 random characters and a check character, printed
 * "K7QM-4X2P-R". Pure: the server makes and hashes serials (server/paper/serial.ts, with
 * node:crypto); the console checks what the officer typed before anything is sent.
 */

/** The unambiguous alphabet of receipts and short codes (no 0/O, 1/I/L): typed by hand. */
export const SERIAL_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** The random characters before the check character. */
export const SERIAL_BODY = 8;

/**
 * The check character: Σ (i + 1) × value(c_i) mod 31. 31 is prime and the weights are 1–8, so a
 * single wrong character and two swapped neighbours always change it.
 */
export function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * SERIAL_ALPHABET.indexOf(body[i] ?? '');
  return SERIAL_ALPHABET[sum % SERIAL_ALPHABET.length] ?? '';
}

/** What was typed without case, spaces or dashes. */
export const cleanCode = (typed: string) => typed.toUpperCase().replace(/[\s\-–.·/]/g, '');

/** "K7QM4X2PR" → "K7QM-4X2P-R", as printed. */
export const formatSerial = (serial: string) =>
  `${serial.slice(0, 4)}-${serial.slice(4, 8)}-${serial.slice(8)}`;

/**
 * What an officer typed, cleaned (any case, dashes and spaces) and checked: the 9 characters, or
 * null when it cannot be a serial (wrong length, a character not in the alphabet, a check
 * character that does not match: a typing error).
 */
export function parseSerial(typed: string): string | null {
  const clean = cleanCode(typed);
  if (clean.length !== SERIAL_BODY + 1) return null;
  if ([...clean].some((c) => !SERIAL_ALPHABET.includes(c))) return null;
  return checkChar(clean.slice(0, SERIAL_BODY)) === clean.slice(SERIAL_BODY) ? clean : null;
}
