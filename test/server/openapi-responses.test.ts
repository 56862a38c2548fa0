import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../server/api-catalog';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { setup, signIn } from './helpers';

/**
 * The response schemas of the catalogue (contract/) are true, not decorative: every described GET
 * that needs no other state than the demo campaign is called as an admin and its body parsed with
 * its schema; parsing keeps it unchanged (no field the schema does not know, none it drops).
 */
let admin: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  admin = await signIn(await setup(), 'admin');
});

const gets = CATALOG.filter(
  (e) => e.method === 'get' && e.response && !/\{(?!id\})\w+\}/.test(e.path),
);

describe('described responses parse with their schema', () => {
  it.each(gets.map((e) => [e.path, e] as const))('GET %s', async (_, e) => {
    const res = await admin(e.path.replace('{id}', DEMO_CAMPAIGN_ID) + (e.query ?? ''));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(e.response?.parse(body)).toEqual(body);
  });
});
