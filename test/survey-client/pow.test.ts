import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkProof, issueChallenge, zeroBits } from '../../server/auth/proof';
import { solveProof, solver } from '../../survey-client/shared/pow';

const bitsOf = (text: string) => zeroBits(createHash('sha256').update(text).digest());

describe('the browser proof-of-work solver (midstate SHA-256)', () => {
  // Prefixes around the block edges: the last block alone, a second padding block, whole blocks.
  it.each([0, 20, 50, 54, 55, 56, 62, 63, 64, 100, 119, 128, 130])(
    'finds the first nonce that pays, as node:crypto counts it (prefix of %i characters)',
    (length) => {
      const challenge = `${'x'.repeat(length)}.a.b.6.c`;
      const nonce = solver(challenge)(0, 100_000);
      expect(nonce).not.toBeNull();
      expect(bitsOf(`${challenge}:${nonce}`)).toBeGreaterThanOrEqual(6);
      for (let n = 0; n < Number.parseInt(nonce ?? '', 36); n++)
        expect(bitsOf(`${challenge}:${n.toString(36)}`)).toBeLessThan(6);
    },
  );

  it('solves a real SIPAS challenge that the server accepts', async () => {
    const challenge = issueChallenge('secret', 'sipas', 'device|point', 10);
    const proof = await solveProof(challenge);
    expect(checkProof('secret', 'sipas', 'device|point', proof)).toMatchObject({ ok: true });
  });

  it('stops when told to', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(solveProof(issueChallenge('s', 'sipas', 'x', 30), stop.signal)).rejects.toThrow();
  });
});
