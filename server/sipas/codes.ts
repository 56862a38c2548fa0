import { createHmac, randomBytes } from 'node:crypto';
import { CODE_ALPHABET } from '../secrets';

/**
 * One-time codes (issue #14): the i-th code of a batch is derived from the secret, the batch id
 * and i, so a sheet can be printed again (a jammed printer) while the database keeps only their
 * HMACs (`sipasCodeHash`). 8 characters of the short-code alphabet (31⁸ ≈ 8.5 × 10¹¹), shown
 * `ABCD-EFGH`. The code carries nothing about the citizen or the dossier.
 */
export function sipasCode(secret: string, batchId: string, index: number): string {
  const bytes = createHmac('sha256', secret)
    .update(`sipas-code-batch:${batchId}:${index}`)
    .digest()
    .subarray(0, 8);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** A code as printed and read aloud: "ABCD-EFGH". */
export const formatSipasCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** A new collection point's public code (the poster's `/p/<code>`): 6 random characters. */
export function newPointCode(length = 6): string {
  return [...randomBytes(length)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}
