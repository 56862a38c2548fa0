import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Campaign } from '../../contract/console/campaigns';
import { Invitation, InvitationPage } from '../../contract/console/invitations';
import { ImportResult } from '../../contract/console/roster-schema';
import { ResultsDocument } from '../../contract/results';
import { CATALOG } from '../../server/api-catalog';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { setup, signIn } from './helpers';
import { closeCampaign, submitForms } from './results/helpers';

/**
 * The response schemas of the catalogue (contract/) are true, not decorative: every described GET
 * that needs no other state than the demo campaign is called as an admin and its body parsed with
 * its schema, and so are a few answers to changes; parsing keeps a body unchanged (no field the
 * schema does not know, none it drops).
 */
let admin: Awaited<ReturnType<typeof signIn>>;
let runId = '';
/** A SIPAS campaign with a collection point and a batch of codes (issue #14). */
const sipas = { id: '', point: '', batch: '', run: '' };
/** The SIPAS-only routes, called on the SIPAS campaign. */
const SIPAS_PATH = /\/api\/campaigns\/\{id\}\/(points|code-batches|sipas)(\/|$)/;
/** The demo campaign with a few forms, closed, with an official run and a self-assessment. */
beforeAll(async () => {
  const ctx = await setup();
  admin = await signIn(ctx, 'admin');
  await submitForms(ctx, 'HDND_HUYEN', 'A', 3, { comments: { P01: 'Thủ tục nhanh hơn.' } });
  await submitForms(ctx, 'LD_CQCM_HUYEN', 'B', 3);
  await closeCampaign(ctx);
  const run = await parsed(
    ResultsDocument,
    await admin(`/api/campaigns/${DEMO_CAMPAIGN_ID}/runs`, { method: 'POST' }),
    createdStatus('post', '/api/campaigns/{id}/runs'),
  );
  runId = run.method.runId;
  const post = async (path: string, body: unknown) =>
    (await (await admin(path, { method: 'POST', body: JSON.stringify(body) })).json()) as {
      id: string;
    };
  sipas.id = (await post('/api/campaigns', { name: 'SIPAS 2026', kind: 'sipas' })).id;
  sipas.point = (
    await post(`/api/campaigns/${sipas.id}/points`, { name: 'Một cửa', unitCode: 'X-TANHUNG' })
  ).id;
  sipas.batch = (
    await post(`/api/campaigns/${sipas.id}/points/${sipas.point}/codes`, { count: 3 })
  ).id;
  // Opened and closed, with a run: its results can be read.
  await post(`/api/campaigns/${sipas.id}/open`, {});
  await post(`/api/campaigns/${sipas.id}/close`, {});
  sipas.run = (await post(`/api/campaigns/${sipas.id}/sipas/runs`, {})).id;
});

/** The success status the catalogue (and so /api/openapi.json) gives an endpoint. */
function createdStatus(method: string, path: string) {
  const e = CATALOG.find((x) => x.method === method && x.path === path);
  if (!e) throw new Error(`${method} ${path} is not catalogued`);
  return e.created ? 201 : 200;
}

async function parsed<T>(schema: z.ZodType<T>, res: Response, status = 200): Promise<T> {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  const out = schema.parse(body);
  expect(out).toEqual(body);
  return out;
}

/** Every described GET but those that need more: a serial, or an earlier campaign to compare. */
const gets = CATALOG.filter(
  (e) => e.method === 'get' && e.response && !/\{serial\}|\/compare$/.test(e.path),
);

describe('described responses parse with their schema', () => {
  it.each(gets.map((e) => [e.path, e] as const))('GET %s', async (_, e) => {
    const onSipas = SIPAS_PATH.test(e.path);
    const id = onSipas ? sipas.id : DEMO_CAMPAIGN_ID;
    const res = await admin(
      `${e.path
        .replace('{id}', id)
        .replace('{run}', onSipas ? sipas.run : runId)
        .replace('{point}', sipas.point)
        .replace('{batch}', sipas.batch)}${e.query ? `?${e.query}` : ''}`,
    );
    if (!e.response) throw new Error('filtered');
    await parsed(e.response, res);
  });

  it('a locked run', async () => {
    const locked = await parsed(
      ResultsDocument,
      await admin(`/api/campaigns/${DEMO_CAMPAIGN_ID}/runs/${runId}/lock`, { method: 'POST' }),
    );
    expect(locked.method.locked).toBe(true);
  });

  it('a new campaign, its roster preview and import, a reissued link', async () => {
    const created = await parsed(
      Campaign,
      await admin('/api/campaigns', {
        method: 'POST',
        body: JSON.stringify({ name: 'Khảo sát 2024' }),
      }),
      createdStatus('post', '/api/campaigns'),
    );
    const upload = (action: 'preview' | 'import') => {
      const form = new FormData();
      const file = readFileSync(resolve(import.meta.dirname, '../fixtures/respondents-sample.csv'));
      form.set('file', new File([new Uint8Array(file)], 'danh-sach.csv'));
      form.set('skipInvalid', 'true');
      return admin(`/api/campaigns/${created.id}/roster/${action}`, { method: 'POST', body: form });
    };
    expect((await parsed(ImportResult, await upload('preview'))).rows.length).toBeGreaterThan(0);
    expect((await parsed(ImportResult, await upload('import'))).committed).toBe(true);
    const {
      items: [inv],
    } = await parsed(InvitationPage, await admin(`/api/campaigns/${created.id}/invitations`));
    const reissued = await parsed(
      Invitation,
      await admin(`/api/campaigns/${created.id}/invitations/${inv?.id}/reissue`, {
        method: 'POST',
      }),
    );
    expect(reissued.link).not.toBe(inv?.link);
  });
});
