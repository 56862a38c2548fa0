/**
 * The claim of a personal link and its resume code (mã tiếp tục). Plain TypeScript with no
 * imports: the server and the respondent's form share it, so both derive the same code.
 *
 * The claim is 160 random bits (27 base64url characters), given to the first device that opens
 * the link and kept there. The resume code is its first 80 bits in Crockford base32, shown as
 * XXXX-XXXX-XXXX-XXXX: short enough to write down and type on another device, far too many to
 * guess (and the server slows guessing per link). Knowing the code does not give the claim.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A claim as the server issues it: 20 bytes, base64url without padding. */
export const CLAIM_FORMAT = /^[A-Za-z0-9_-]{27}$/;

const group = (code: string) => code.replace(/(.{4})(?=.)/g, '$1-');

/** The resume code of a claim, e.g. "7K2M-Q9XD-4HVA-1BZR". */
export function resumeCodeOf(claim: string): string {
  const bytes = atob(claim.replace(/-/g, '+').replace(/_/g, '/'));
  let acc = 0;
  let bits = 0;
  let out = '';
  for (let i = 0; i < 10; i++) {
    acc = ((acc << 8) | bytes.charCodeAt(i)) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
  }
  return group(out);
}

/**
 * What a person typed, as the resume code it means, or null when it cannot be one. Case,
 * spaces and dashes do not matter; I and L are read as 1, O as 0 (Crockford's rule).
 */
export function normaliseResumeCode(typed: string): string | null {
  const s = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-–—._]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(s) ? group(s) : null;
}
