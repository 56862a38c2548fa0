import { describe, expect, it } from 'vitest';
import { sipasCodeHash } from '../../../server/sipas/code-hash';
import { batchCodes, formatSipasCode, type Owners, sipasCode } from '../../../server/sipas/codes';

const SECRET = 'test-secret-for-codes';

/** A fake `sipas_code` table: hash → batch. */
function table(initial: Record<string, string> = {}) {
  const rows = new Map(Object.entries(initial));
  const owners: Owners = async (hashes) =>
    new Map(hashes.flatMap((h) => (rows.has(h) ? [[h, rows.get(h) ?? '']] : [])));
  const store = (batch: string, codes: string[]) => {
    for (const c of codes) rows.set(sipasCodeHash(SECRET, c), batch);
  };
  return { rows, owners, store };
}

describe('one-time codes', () => {
  it('are 8 characters of the short-code alphabet, derived from the secret, batch and index', () => {
    const a = sipasCode(SECRET, 'b1', 0);
    expect(a).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(sipasCode(SECRET, 'b1', 0)).toBe(a);
    expect(sipasCode(SECRET, 'b1', 1)).not.toBe(a);
    expect(sipasCode(SECRET, 'b2', 0)).not.toBe(a);
    expect(sipasCode('another-secret', 'b1', 0)).not.toBe(a);
    expect(formatSipasCode('ABCDEFGH')).toBe('ABCD-EFGH');
  });

  it('hash the same however they are typed', () => {
    expect(sipasCodeHash(SECRET, 'abcd-efgh')).toBe(sipasCodeHash(SECRET, 'ABCDEFGH'));
    expect(sipasCodeHash(SECRET, ' AB CD EF GH ')).toBe(sipasCodeHash(SECRET, 'ABCDEFGH'));
    expect(sipasCodeHash(SECRET, 'ABCDEFGJ')).not.toBe(sipasCodeHash(SECRET, 'ABCDEFGH'));
  });

  it('a reprint gives the codes first made, even when some clashed with stored ones', async () => {
    // Another batch already holds the codes that indexes 1 and 3 of batch "b" would take first.
    const clash = [1, 3].map((i) => sipasCodeHash(SECRET, sipasCode(SECRET, 'b', i)));
    const t = table(Object.fromEntries(clash.map((h) => [h, 'older'])));
    const made = await batchCodes(SECRET, 'b', 5, t.owners, true);
    expect(made[0]).toBe(sipasCode(SECRET, 'b', 0));
    expect(made[1]).toBe(sipasCode(SECRET, 'b', 1, 1));
    expect(made[3]).toBe(sipasCode(SECRET, 'b', 3, 1));
    t.store('b', made);
    expect(await batchCodes(SECRET, 'b', 5, t.owners, false)).toEqual(made);
    // The older batch deleted since (its point removed): the reprint is still the same.
    for (const h of clash) t.rows.delete(h);
    expect(await batchCodes(SECRET, 'b', 5, t.owners, false)).toEqual(made);
  });

  it('a batch of 200 has 200 different codes, reprinted identically', async () => {
    const t = table();
    const made = await batchCodes(SECRET, 'c', 200, t.owners, true);
    expect(new Set(made).size).toBe(200);
    t.store('c', made);
    expect(await batchCodes(SECRET, 'c', 200, t.owners, false)).toEqual(made);
  });
});
