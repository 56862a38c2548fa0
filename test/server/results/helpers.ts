import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { UnitResult } from '../../../analysis/types';
import type { Answer } from '../../../contract/respondent';
import type { ResultsDocument } from '../../../contract/results';
import { setCampaignOpen } from '../../../server/campaigns/service';
import { fullAnswers, type setup, submissionId, submitThrough } from '../helpers';

export type Ctx = Awaited<ReturnType<typeof setup>>;
export const CAMPAIGN = 'demo-2023';
export const API = `/api/campaigns/${CAMPAIGN}`;

const used = new WeakMap<Ctx, Map<string, number>>();

/**
 * Submits `n` full forms of `group` through the respondent's API, each from the next unused link
 * of the group, all answers `option` (or chosen per answer).
 */
export async function submitForms(
  ctx: Ctx,
  group: string,
  option: Answer['option'] | ((i: number) => Answer['option']),
  n: number,
  extra: { comments?: Record<string, string>; demographics?: Record<string, string> } = {},
) {
  const counts = used.get(ctx) ?? new Map<string, number>();
  used.set(ctx, counts);
  const start = counts.get(group) ?? 0;
  const tokens = ctx.tokens(group).slice(start, start + n);
  expect(tokens).toHaveLength(n);
  for (const token of tokens) {
    const answers = await fullAnswers(ctx.db, group, option);
    const res = await submitThrough(ctx.app, token, {
      submissionId: submissionId(),
      answers,
      ...extra,
    });
    expect(res.status).toBe(201);
  }
  counts.set(group, start + n);
}

/** Closes (or reopens) the demo campaign now; a second later than any submit before it. */
export async function closeCampaign(ctx: Ctx) {
  await setCampaignOpen(ctx.db, CAMPAIGN, false);
}
export async function reopenCampaign(ctx: Ctx) {
  await setCampaignOpen(ctx.db, CAMPAIGN, true);
}

/** The fingerprint as the issue defines it, computed here independently of the server. */
export async function expectedFingerprint(ctx: Ctx) {
  const hashes = (
    await ctx.db
      .selectFrom('submission')
      .select('contentHash')
      .where('campaignId', '=', CAMPAIGN)
      .execute()
  )
    .map((s) => s.contentHash)
    .sort();
  return createHash('sha256')
    .update(hashes.map((h) => `${h}\n`).join(''))
    .digest('hex');
}

export const unitOf = (doc: ResultsDocument, code: string): UnitResult => {
  const unit = doc.units.find((u) => u.code === code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit;
};
export const criterionOf = (unit: UnitResult, code: string) =>
  unit.criteria.find((c) => c.code === code);
export const groupCriterion = (unit: UnitResult, group: string, code: string) =>
  unit.groups.find((g) => g.code === group)?.criteria.find((c) => c.code === code);

export const DISTRICT = '694';
export const COMMUNE = 'X-ANPHU';
