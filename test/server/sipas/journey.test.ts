import { expect, it } from 'vitest';
import type { SipasDays, SipasRun } from '../../../contract/console/sipas-analysis';
import { setCampaignOpen } from '../../../server/campaigns/service';
import { signIn } from '../helpers';
import { browser, fullAnswer, sipasSetup } from './answer-fixture';

/**
 * From the public form to the analyst: answers sent through `POST /api/p/:point/submit` (proof
 * of work solved, as a phone would) fill the counts the days table and the runs read.
 */
it('public answers reach the days table and the runs, by channel', async () => {
  const ctx = await sipasSetup();
  const phone = browser(ctx.app);
  const pointB = 'BBB333';
  // Four identical "5" forms and one "2" at B (no daily limit), in the same hour: 3 repeats.
  for (const level of ['5', '5', '5', '5', '2'])
    expect((await phone.submit(pointB, fullAnswer(level))).status).toBe(201);
  // One form with a one-time code at A.
  const code = ctx.codes[0] ?? '';
  expect((await browser(ctx.app).submit('AAA222', { ...fullAnswer('5'), code })).status).toBe(201);

  const analyst = await signIn(ctx, 'analyst');
  const days = (await (
    await analyst(`/api/campaigns/${ctx.campaignId}/sipas/days`)
  ).json()) as SipasDays;
  const b = days.days.find((d) => d.pointId === ctx.pointB);
  expect(b?.figures).toMatchObject({ forms: 5, poster: 5, code: 0, satisfiedPercent: null });
  expect(b?.flags).toContain('repeats');
  // One form at A: under the small-group threshold.
  expect(days.days.find((d) => d.pointId === ctx.pointA)?.figures).toBeNull();

  await setCampaignOpen(ctx.db, ctx.campaignId, false);
  const res = await analyst(`/api/campaigns/${ctx.campaignId}/sipas/runs`, {
    method: 'POST',
    body: '{}',
  });
  expect(res.status).toBe(201);
  const run = (await res.json()) as SipasRun;
  // One unit: 5 of 6 forms satisfied on every element → 83.33 %.
  expect(run.units).toHaveLength(1);
  expect(run.units[0]).toMatchObject({
    percent: '83.33',
    exact: '5/6',
    // 1 code form < k: the channel split is merged (docs/anonymity.md §5).
    forms: { poster: null, code: null, paper: null, total: 6 },
  });
  const clean = (await (
    await analyst(`/api/campaigns/${ctx.campaignId}/sipas/runs`, {
      method: 'POST',
      body: JSON.stringify({ excludeFlagged: true, trial: true }),
    })
  ).json()) as SipasRun;
  expect(clean.method.excluded).toContainEqual(
    expect.objectContaining({ pointId: ctx.pointB, flags: expect.arrayContaining(['repeats']) }),
  );
  // Only the code form is left: under k, nothing of the unit is given.
  expect(clean.units[0]).toMatchObject({ withheld: true, forms: null, percent: null });
});
