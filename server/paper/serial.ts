import { createHmac, randomInt } from 'node:crypto';
import {
  SERIAL_ALPHABET as ALPHABET,
  SERIAL_BODY as BODY,
  checkChar,
  formatSerial,
  parseSerial,
} from '../../contract/serial';

/**
 * The serial on a paper form's answer sheets: 8 random characters and a check character, printed
 * "K7QM-4X2P-R". It is random (never derived from an invitation, its nonce or the secret), so
 * nothing on the person's side can make it or recognise it. Only its HMAC is stored, like the
 * short codes: a copy of the database does not list the serials either.
 */

/** A fresh serial, unformatted: 8 characters (about 40 random bits) and the check character. */
export function newSerial(): string {
  let body = '';
  for (let i = 0; i < BODY; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return body + checkChar(body);
}

export { formatSerial, parseSerial };

/** What the database keeps of a serial: HMAC(APP_SECRET, serial), so guessing needs the secret. */
export const serialHash = (secret: string, serial: string) =>
  createHmac('sha256', secret).update(`paper-serial:${serial}`).digest('base64url');
