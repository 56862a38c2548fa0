import { createHmac, randomBytes } from 'node:crypto';
import { CODE_ALPHABET } from '../secrets';
import { sipasCodeHash } from './code-hash';

/**
 * One-time codes (issue #14): the i-th code of a batch is derived from the secret, the batch id
 * and i, so a sheet can be printed again (a jammed printer) while the database keeps only their
 * HMACs (`sipasCodeHash`). 8 characters of the short-code alphabet (31⁸ ≈ 8.5 × 10¹¹), shown
 * `ABCD-EFGH`. The code carries nothing about the citizen or the dossier. Should a code equal
 * one already stored (one in 10⁶ at a province's half million codes), the next `attempt` is
 * taken: see `batchCodes`.
 */
export function sipasCode(secret: string, batchId: string, index: number, attempt = 0): string {
  const bytes = createHmac('sha256', secret)
    .update(`sipas-code-batch:${batchId}:${index}${attempt ? `:${attempt}` : ''}`)
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

/** Who holds each of these hashes already: hash → batch id (a query on `sipas_code`). */
export type Owners = (hashes: string[]) => Promise<Map<string, string>>;

const MAX_ATTEMPTS = 8;

/**
 * The codes of a batch, in order. Index i takes the first attempt whose hash is free (`making`)
 * or, to print the sheet again, the first that this batch holds (never one already given to an
 * earlier index): both walk the attempts the same way, so a reprint shows the very codes that
 * were stored, whatever batches came or went since.
 */
export async function batchCodes(
  secret: string,
  batchId: string,
  size: number,
  owners: Owners,
  making: boolean,
): Promise<string[]> {
  const codes: string[] = new Array(size);
  const taken = new Set<string>();
  let pending = Array.from({ length: size }, (_, index) => ({ index, attempt: 0 }));
  while (pending.length > 0) {
    const tried = pending.map((p) => {
      if (p.attempt >= MAX_ATTEMPTS)
        throw new Error(`Không tạo lại được mã thứ ${p.index + 1} của lô ${batchId}.`);
      const code = sipasCode(secret, batchId, p.index, p.attempt);
      return { ...p, code, hash: sipasCodeHash(secret, code) };
    });
    const held = await owners(tried.map((t) => t.hash));
    const next: typeof pending = [];
    for (const t of tried) {
      const owner = held.get(t.hash);
      const fits = making ? owner === undefined : owner === batchId;
      if (fits && !taken.has(t.hash)) {
        taken.add(t.hash);
        codes[t.index] = t.code;
      } else next.push({ index: t.index, attempt: t.attempt + 1 });
    }
    pending = next;
  }
  return codes;
}
