import { expect } from 'vitest';
import { questionnairesFor } from '../../../contract/questionnaires-for';
import type { Answer } from '../../../contract/respondent';
import type { Definition } from '../../../questionnaires';
import { findCampaign, findDefinition, listUnits } from '../../../server/campaigns/queries';
import { listLinks } from '../../../server/invitations/service';
import { config, submissionId, submitThrough } from '../helpers';
import type { Ctx } from './helpers';

/**
 * An independent exact computation of the official method (docs/method.md §4–8: YB4,
 * EQUAL_GROUP with every group weighing 1, empty criterion ZERO) from the raw answers the tests
 * submitted: hand-rolled fractions on bigint, written apart from analysis/ so that a mistake
 * there cannot hide in both.
 */

export interface Q {
  n: bigint;
  d: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
export const q = (n: bigint | number, d: bigint | number = 1n): Q => {
  const [N, D] = [BigInt(n), BigInt(d)];
  const g = gcd(N, D) || 1n;
  return D < 0n ? { n: -N / g, d: -D / g } : { n: N / g, d: D / g };
};
const plus = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const times = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const over = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);
const mean = (xs: Q[]) => over(xs.reduce(plus, q(0)), q(xs.length));
/** Half-up to 2 decimals, for non-negative values: hundredths as a fraction. */
export const round2 = (a: Q) => q((a.n * 200n + a.d) / (2n * a.d), 100);
export const num = (a: Q) => Number(a.n) / Number(a.d);
const decimal = (text: string) => {
  const [whole = '0', frac = ''] = text.split('.');
  return q(BigInt(whole + frac), 10n ** BigInt(frac.length));
};

/** YB4: A 1.00, B 0.60, C 0.20, D 0.00; E is left out. */
const YB4: Record<string, Q> = { A: q(1), B: q(3, 5), C: q(1, 5), D: q(0) };

export interface RawAnswer {
  group: string;
  questionnaireId: string;
  questionId: string;
  unitCode: string;
  option: Answer['option'];
}

export interface ExactUnit {
  index: string;
  criteria: Map<string, Q | null>;
  total: Q;
  max: Q;
  percent: number;
}

/**
 * Every unit's exact scores under the official method, units renamed by `as` first (to pool
 * old units as one: every answer about a member is an answer about the pooled unit).
 */
export function exactScores(
  definition: Definition,
  answers: readonly RawAnswer[],
  units: readonly { code: string; kind: string }[],
  as: (unitCode: string) => string = (c) => c,
): Map<string, ExactUnit> {
  const criterionOf = new Map(
    definition.questionnaires.flatMap((x) =>
      x.questions.map((y) => [`${x.id}/${y.id}`, y.criterion] as const),
    ),
  );
  // unit → criterion → group → question → the coefficients of its valid answers
  const cells = new Map<string, Map<string, Map<string, Map<string, Q[]>>>>();
  for (const a of answers) {
    const k = YB4[a.option];
    if (!k) continue;
    const crit = criterionOf.get(`${a.questionnaireId}/${a.questionId}`) ?? '';
    const unit = as(a.unitCode);
    const byCrit = cells.get(unit) ?? new Map();
    cells.set(unit, byCrit);
    const byGroup = byCrit.get(crit) ?? new Map();
    byCrit.set(crit, byGroup);
    const byQuestion = byGroup.get(a.group) ?? new Map();
    byGroup.set(a.group, byQuestion);
    const key = `${a.questionnaireId}/${a.questionId}`;
    byQuestion.set(key, [...(byQuestion.get(key) ?? []), k]);
  }
  const out = new Map<string, ExactUnit>();
  for (const index of definition.indexes) {
    const targets = new Set(
      units.filter((u) => index.unitKinds.includes(u.kind)).map((u) => as(u.code)),
    );
    for (const unit of targets) {
      const criteria = new Map<string, Q | null>();
      let total = q(0);
      let max = q(0);
      for (const c of index.fields.flatMap((f) => f.criteria)) {
        const m = decimal(c.maxPoints);
        max = plus(max, m);
        const groups = [...(cells.get(unit)?.get(c.code)?.values() ?? [])];
        // R(c,g) = mean over the group's questions of the mean coefficient; R(c) = mean of groups.
        const perGroup = groups.map((g) => mean([...g.values()].map(mean)));
        const score = perGroup.length ? round2(times(m, mean(perGroup))) : null;
        criteria.set(c.code, score);
        total = plus(total, score ?? q(0));
      }
      const percent = num(round2(times(over(total, max), q(100))));
      out.set(unit, { index: index.code, criteria, total, max, percent });
    }
  }
  return out;
}

/** Rank within the index by survey score: 1 + the number of units scoring strictly more. */
export function exactRanks(scores: ReadonlyMap<string, ExactUnit>, only?: ReadonlySet<string>) {
  const list = [...scores].filter(([code]) => !only || only.has(code));
  return new Map(
    list.map(([code, u]) => [
      code,
      1 + list.filter(([, v]) => v.index === u.index && num(v.total) > num(u.total)).length,
    ]),
  );
}

/**
 * Submits every remaining link of `group` in campaign `id` through the respondent's API, answer
 * by answer as `option` chooses (form number, then the answer); returns what was submitted.
 */
export async function submitEach(
  ctx: Ctx,
  id: string,
  group: string,
  option: (form: number, a: Omit<RawAnswer, 'option' | 'group'>) => Answer['option'],
  limit = Number.POSITIVE_INFINITY,
): Promise<RawAnswer[]> {
  const campaign = await findCampaign(ctx.db, id);
  const definition = campaign && (await findDefinition(ctx.db, campaign.definitionId));
  if (!campaign || !definition) throw new Error(`no campaign ${id}`);
  const units = await listUnits(ctx.db, campaign.unitSetId);
  const groups = new Map(definition.groups.map((g) => [g.code, g.name]));
  const links = (await listLinks(ctx.db, config, id, groups))
    .filter((l) => l.group_code === group && l.status !== 'submitted')
    .slice(0, limit);
  expect(links.length).toBeGreaterThan(0);
  const views = questionnairesFor(definition, group, units);
  const sent: RawAnswer[] = [];
  for (const [form, l] of links.entries()) {
    const answers = views.flatMap((v) =>
      v.questions.flatMap((question) =>
        v.units.map((u) => {
          const a = { questionnaireId: v.id, questionId: question.id, unitCode: u.code };
          return { ...a, option: option(form, a) };
        }),
      ),
    );
    const token = l.link.split('/s/')[1] ?? '';
    const res = await submitThrough(ctx.app, token, { submissionId: submissionId(), answers });
    expect(res.status).toBe(201);
    sent.push(...answers.map((a) => ({ ...a, group })));
  }
  return sent;
}
