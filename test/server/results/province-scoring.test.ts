import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../contract/respondent';
import type { ResultsDocument } from '../../../contract/results';
import { builtInProvinceDefinition } from '../../../questionnaires';
import { provinceUnitSet } from '../../../questionnaires/official';
import { createCampaign } from '../../../server/campaigns/service';
import { addRespondents, type NewPerson } from '../../../server/invitations/service';
import { SECRET, setup, signIn } from '../helpers';
import { exactRanks, exactScores, num, type RawAnswer, submitEach } from './exact';
import type { Ctx } from './helpers';
import { closeAt } from './par-helpers';

/**
 * Issue #11, "done when": the 2026 province campaign's official scoring equals an independent
 * exact computation from the raw answers. 34 forms of the five groups with seeded random answers
 * ("Không biết" among them, and units a respondent did not pick: every answer about them E), the
 * official run through the API, both indexes (departments SO, communes XA) checked unit by unit,
 * criterion by criterion, and ranked.
 */

const ID = 'dn-2026';
const definition = builtInProvinceDefinition();
const unitSet = provinceUnitSet('75');
let ctx: Ctx;
let doc: ResultsDocument;
const answers: RawAnswer[] = [];

/** mulberry32: the same answers on every run. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  ctx = await setup();
  await createCampaign(ctx.db, {
    id: ID,
    name: 'Khảo sát tỉnh Đồng Nai 2026',
    definition,
    unitSet,
    opensAt: '2020-01-01T00:00:00.000Z',
    closesAt: '2099-01-01T00:00:00.000Z',
  });
  const departments = unitSet.units.filter((u) => u.kind === 'co_quan');
  const communes = unitSet.units.filter((u) => ['xa', 'phuong', 'dac_khu'].includes(u.kind));
  const people: NewPerson[] = [];
  const add = (groupCode: string, n: number, at: { code: string }[] | null) => {
    for (let i = 0; i < n; i++)
      people.push({
        name: `Người ${groupCode} ${i + 1}`,
        groupCode,
        unitCode: at ? (at[i % at.length]?.code ?? null) : null,
      });
  };
  add('DB_HDND_TINH', 10, null);
  add('LD_SO', 6, departments);
  add('LD_PHONG_SO', 6, departments);
  add('LD_UBND_XA', 6, communes);
  add('LD_PHONG_XA', 6, communes);
  await addRespondents(ctx.db, SECRET, ID, people);

  const random = seeded(20260701);
  for (const group of ['DB_HDND_TINH', 'LD_SO', 'LD_PHONG_SO', 'LD_UBND_XA', 'LD_PHONG_XA']) {
    // Each form picks the units it knows (about 45%); the form answers E about the others.
    const known = new Map<string, boolean>();
    const options: Answer['option'][] = ['A', 'B', 'B', 'C', 'C', 'D', 'E'];
    answers.push(
      ...(await submitEach(ctx, ID, group, (form, a) => {
        const key = `${form}/${a.unitCode}`;
        if (!known.has(key)) known.set(key, random() < 0.45);
        return known.get(key) ? (options[Math.floor(random() * options.length)] ?? 'E') : 'E';
      })),
    );
  }
  await closeAt(ctx, ID, new Date(Date.now() - 1000).toISOString());
  const analyst = await signIn(ctx, 'analyst');
  const res = await analyst(`/api/campaigns/${ID}/runs`, { method: 'POST' });
  expect(res.status).toBe(201);
  doc = (await res.json()) as ResultsDocument;
}, 120_000);

describe('the province campaign scored by the official method', () => {
  it('took 34 forms with "Không biết" and unpicked units among the answers', () => {
    expect(doc.submissionCount).toBe(34);
    expect(answers.filter((a) => a.option === 'E').length).toBeGreaterThan(answers.length / 2);
    expect(new Set(answers.map((a) => a.option))).toEqual(new Set(['A', 'B', 'C', 'D', 'E']));
  });

  it('gives every unit of both indexes, communes with official codes, the exact scores', () => {
    const exact = exactScores(definition, answers, unitSet.units);
    expect(doc.units).toHaveLength(20 + 95);
    expect(new Set(doc.units.map((u) => u.index))).toEqual(new Set(['SO', 'XA']));
    // Each unit carries its official code: the communes' (their unit codes, 25345 Xã Tân Hưng …),
    // none for the departments.
    const withCode = new Map(unitSet.units.map((u) => [u.code, u.officialCode]));
    for (const u of doc.units) expect(u.officialCode, u.code).toBe(withCode.get(u.code) ?? null);
    expect(doc.units.filter((u) => u.index === 'XA').every((u) => u.officialCode === u.code)).toBe(
      true,
    );
    expect(doc.units.filter((u) => u.index === 'SO').every((u) => u.officialCode === null)).toBe(
      true,
    );
    for (const u of doc.units) {
      const e = exact.get(u.code);
      expect(e, u.code).toBeDefined();
      if (!e) continue;
      expect(u.index, u.code).toBe(e.index);
      expect(u.surveyScore, u.code).toBe(num(e.total));
      expect(u.maxScore, u.code).toBe(num(e.max));
      expect(u.surveyPercent, u.code).toBe(e.percent);
      for (const c of u.criteria) {
        const s = e.criteria.get(c.code);
        expect(c.score, `${u.code} ${c.code}`).toBe(s == null ? 0 : num(s));
        expect(c.noData, `${u.code} ${c.code}`).toBe(s == null);
      }
    }
    // Units nobody picked would be "Không đủ dữ liệu"; most have data with these answers.
    expect(doc.units.filter((u) => !u.noData).length).toBeGreaterThan(100);
  });

  it('ranks the units within each index as the exact scores do', () => {
    const exact = exactRanks(exactScores(definition, answers, unitSet.units));
    const ranked = (index: string) =>
      doc.units
        .filter((u) => u.index === index)
        .map((u) => ({
          code: u.code,
          rank:
            1 + doc.units.filter((v) => v.index === index && v.surveyScore > u.surveyScore).length,
        }));
    for (const index of ['SO', 'XA']) {
      const list = ranked(index);
      expect(list.map((u) => [u.code, u.rank])).toEqual(
        list.map((u) => [u.code, exact.get(u.code)]),
      );
      // Not all tied: the order means something.
      expect(new Set(list.map((u) => u.rank)).size).toBeGreaterThan(5);
    }
  });
});
