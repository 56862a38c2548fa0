import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { Comparison, type UnitComparison } from '../../../contract/console/compare';
import type { Answer } from '../../../contract/respondent';
import {
  builtInDefinition,
  builtInProvinceDefinition,
  builtInUnitSet,
} from '../../../questionnaires';
import { provinceUnitSet } from '../../../questionnaires/official';
import { createCampaign } from '../../../server/campaigns/service';
import { addRespondents, type NewPerson } from '../../../server/invitations/service';
import { SECRET, setup, signIn } from '../helpers';
import { exactRanks, exactScores, num, type RawAnswer, submitEach } from './exact';
import { CAMPAIGN, type Ctx } from './helpers';
import { closeAt, type Request } from './par-helpers';

/**
 * Year over year across the 2025 mergers (issue #11 point 3, docs/method.md §14): the 2026
 * Đồng Nai campaign against the 2023 Hớn Quản demo's locked run.
 * - 2023: delegates and office leaders rate the 13 communes with seeded random answers; Tân
 *   Hưng's three predecessors high (A/B), Tân Khai's three low (C/D); the first form answers
 *   "Không biết" now and then; leaders know An Phú in only two forms (a hidden breakdown).
 * - 2026: provincial delegates and department leaders rate the 95 communes; Tân Hưng low,
 *   Tân Khai high.
 * Tân Hưng (25345 ← Thanh An, An Khương, Tân Hưng) and Tân Khai (25357 ← TT Tân Khai, Đồng Nơ,
 * Tân Hiệp) are exact; Minh Đức (← An Phú …) would be, but its reference is withheld for An
 * Phú's small group; Tân Quan (← … + Quang Minh of Chơn Thành) and Bình Long (← Thanh Bình + 3
 * wards of Bình Long town) are not comparable.
 */

const PROVINCE = 'dn-2026';
const TAN_HUNG_2023 = ['X-THANHAN', 'X-ANKHUONG', 'X-TANHUNG'];
const TAN_KHAI_2023 = ['TT-TANKHAI', 'X-DONGNO', 'X-TANHIEP'];
let ctx: Ctx;
let analyst: Request;
let comparison: Comparison;
let run2026 = '';
let raw: unknown;
const then: RawAnswer[] = [];
const now: RawAnswer[] = [];

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const HIGH: Answer['option'][] = ['A', 'A', 'B'];
const LOW: Answer['option'][] = ['C', 'D', 'D'];
const ANY: Answer['option'][] = ['A', 'B', 'C', 'D'];

async function officialRun(id: string) {
  const res = await analyst(`/api/campaigns/${id}/runs`, { method: 'POST' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { method: { runId: string } }).method.runId;
}

beforeAll(async () => {
  ctx = await setup();
  analyst = await signIn(ctx, 'analyst');
  const random = seeded(2023);
  const pick = (list: Answer['option'][]) => list[Math.floor(random() * list.length)] ?? 'E';
  for (const group of ['HDND_HUYEN', 'LD_CQCM_HUYEN']) {
    then.push(
      ...(await submitEach(ctx, CAMPAIGN, group, (form, a) => {
        if (a.questionnaireId !== 'P05') return pick(ANY);
        if (group === 'LD_CQCM_HUYEN' && a.unitCode === 'X-ANPHU' && form >= 2) return 'E';
        if (form === 0 && random() < 0.3) return 'E';
        if (TAN_HUNG_2023.includes(a.unitCode)) return pick(HIGH);
        if (TAN_KHAI_2023.includes(a.unitCode)) return pick(LOW);
        return pick(ANY);
      })),
    );
  }
  await closeAt(ctx, CAMPAIGN, '2023-12-31T10:00:00.000Z');
  const run2023 = await officialRun(CAMPAIGN);
  const lock = await analyst(`/api/campaigns/${CAMPAIGN}/runs/${run2023}/lock`, {
    method: 'POST',
  });
  expect(lock.status).toBe(200);

  const units = provinceUnitSet('75');
  await createCampaign(ctx.db, {
    id: PROVINCE,
    name: 'Khảo sát tỉnh Đồng Nai 2026',
    definition: builtInProvinceDefinition(),
    unitSet: units,
    opensAt: '2020-01-01T00:00:00.000Z',
    closesAt: '2099-01-01T00:00:00.000Z',
  });
  const departments = units.units.filter((u) => u.kind === 'co_quan');
  const people: NewPerson[] = [
    ...[1, 2, 3, 4].map((i) => ({ name: `Đại biểu ${i}`, groupCode: 'DB_HDND_TINH' })),
    ...[1, 2, 3].map((i) => ({
      name: `Giám đốc ${i}`,
      groupCode: 'LD_SO',
      unitCode: departments[i]?.code ?? null,
    })),
  ];
  await addRespondents(ctx.db, SECRET, PROVINCE, people);
  for (const group of ['DB_HDND_TINH', 'LD_SO'])
    now.push(
      ...(await submitEach(ctx, PROVINCE, group, (_form, a) =>
        a.unitCode === '25345' ? pick(LOW) : a.unitCode === '25357' ? pick(HIGH) : pick(ANY),
      )),
    );
  await closeAt(ctx, PROVINCE, new Date(Date.now() - 1000).toISOString());
  run2026 = await officialRun(PROVINCE);
  const res = await analyst(`/api/campaigns/${PROVINCE}/runs/${run2026}/compare?with=${CAMPAIGN}`);
  expect(res.status).toBe(200);
  raw = await res.json();
  comparison = Comparison.parse(raw);
}, 120_000);

const unit = (code: string) => comparison.units.find((u) => u.code === code) as UnitComparison;
const old2023 = () => builtInUnitSet().units;

describe('a 2026 run compared with the 2023 run across the mergers', () => {
  it('answers as the contract says, across the mergers, with official codes', () => {
    expect(comparison).toEqual(raw);
    expect(comparison.acrossMergers).toBe(true);
    expect(comparison.previous).toMatchObject({ campaign: { id: CAMPAIGN }, year: 2023 });
    expect(comparison.current.year).toBe(2026);
    expect(unit('25345')).toMatchObject({ name: 'Xã Tân Hưng', officialCode: '25345' });
    // The commune criteria share their codes: X1.1 … X8.1.
    expect(comparison.criteria.shared).toHaveLength(12);
  });

  it('gives Tân Hưng the 2023 counts of its three predecessors pooled, exactly', () => {
    const pooled = exactScores(builtInDefinition(), then, old2023(), (c) =>
      TAN_HUNG_2023.includes(c) ? 'TH' : c,
    ).get('TH');
    if (!pooled) throw new Error('no pooled reference');
    const th = unit('25345');
    expect(th).toMatchObject({
      comparability: 'pooled',
      presence: 'both',
      referenceWithheld: null,
      previous: {
        index: 'XA',
        surveyScore: num(pooled.total),
        maxScore: 20,
        surveyPercent: pooled.percent,
        parIndex: null,
        rank: null,
      },
    });
    expect(th.predecessors.map((p) => [p.name, p.officialCode, p.unitCode, p.issue])).toEqual([
      ['Xã Thanh An', '25327', 'X-THANHAN', null],
      ['Xã An Khương', '25330', 'X-ANKHUONG', null],
      ['Xã Tân Hưng', '25345', 'X-TANHUNG', null],
    ]);
    for (const c of th.criteria) {
      const s = pooled.criteria.get(c.code);
      expect(c.previous?.score, c.code).toBe(s == null ? 0 : num(s));
    }
    // Not the mean of the three published scores, nor any one of them: a real pooling.
    const own = exactScores(builtInDefinition(), then, old2023());
    const scores = TAN_HUNG_2023.map((c) => num(own.get(c)?.total ?? { n: 0n, d: 1n }));
    expect(scores).not.toContain(th.previous?.surveyScore);
    const current = exactScores(builtInProvinceDefinition(), now, provinceUnitSet('75').units);
    expect(th.current?.surveyScore).toBe(num(current.get('25345')?.total ?? { n: 0n, d: 1n }));
    expect(th.change.surveyScore).toBe(
      Math.round(((th.current?.surveyScore ?? 0) - num(pooled.total)) * 100) / 100,
    );
  });

  it('says Tân Quan and Bình Long are not directly comparable, with their predecessors’ own figures', () => {
    const own = exactScores(builtInDefinition(), then, old2023());
    const ranks = exactRanks(own);
    const tq = unit('25351');
    expect(tq).toMatchObject({
      comparability: 'not_comparable',
      presence: 'current_only',
      previous: null,
      referenceWithheld: null,
      change: { surveyScore: null, rank: null },
    });
    expect(
      tq.predecessors.map((p) => [p.name, p.unitCode, p.issue, p.previous?.surveyScore ?? null]),
    ).toEqual([
      ['Xã Tân Lợi', 'X-TANLOI', null, num(own.get('X-TANLOI')?.total ?? { n: 0n, d: 1n })],
      ['Xã Phước An', 'X-PHUOCAN', null, num(own.get('X-PHUOCAN')?.total ?? { n: 0n, d: 1n })],
      ['Xã Tân Quan', 'X-TANQUAN', null, num(own.get('X-TANQUAN')?.total ?? { n: 0n, d: 1n })],
      ['Xã Quang Minh', null, 'outside', null],
    ]);
    // Each predecessor's published rank among the 2023 communes.
    expect(tq.predecessors[0]?.previous?.rank).toBe(ranks.get('X-TANLOI'));
    expect(tq.criteria.every((c) => c.previous === null)).toBe(true);

    const bl = unit('25326');
    expect(bl.comparability).toBe('not_comparable');
    expect(bl.predecessors.filter((p) => p.unitCode).map((p) => p.unitCode)).toEqual([
      'X-THANHBINH',
    ]);
    expect(bl.predecessors.filter((p) => p.issue === 'outside')).toHaveLength(3);
  });

  it('withholds a pooled reference when a predecessor’s group breakdown was hidden', () => {
    expect(unit('25349')).toMatchObject({
      comparability: 'not_comparable',
      referenceWithheld: 'small_groups',
      previous: null,
    });
    expect(unit('25349').predecessors.map((p) => [p.unitCode, p.issue])).toEqual([
      ['X-ANPHU', null],
      ['X-MINHDUC', null],
      ['X-MINHTAM', null],
    ]);
  });

  it('lists units with no predecessor in 2023, and 2023 units nothing matches', () => {
    const none = comparison.units.filter((u) => u.comparability === 'no_previous');
    // 95 communes less the five with a Hớn Quản predecessor, and the 20 departments.
    expect(none).toHaveLength(90 + 20);
    expect(none.every((u) => u.previous === null && u.change.rank === null)).toBe(true);
    const onlyThen = comparison.units.filter((u) => u.comparability === 'previous_only');
    expect(onlyThen.map((u) => [u.code, u.presence])).toEqual([['694', 'previous_only']]);
    expect(onlyThen[0]?.previous?.index).toBe('HUYEN');
  });

  it('changes ranks only where the comparison is exact: among Tân Hưng and Tân Khai', () => {
    const withRank = comparison.units.filter((u) => u.change.rank !== null);
    expect(withRank.map((u) => u.code).sort()).toEqual(['25345', '25357']);
    const pooled = exactScores(builtInDefinition(), then, old2023(), (c) =>
      TAN_HUNG_2023.includes(c) ? '25345' : TAN_KHAI_2023.includes(c) ? '25357' : c,
    );
    const current = exactScores(builtInProvinceDefinition(), now, provinceUnitSet('75').units);
    const exact = new Set(['25345', '25357']);
    const [rankThen, rankNow] = [exactRanks(pooled, exact), exactRanks(current, exact)];
    for (const code of exact) {
      expect(unit(code).rankAmongComparable, code).toEqual({
        current: rankNow.get(code),
        previous: rankThen.get(code),
      });
      expect(unit(code).change.rank).toBe((rankThen.get(code) ?? 0) - (rankNow.get(code) ?? 0));
    }
    // High then and low now: Tân Hưng falls a place, Tân Khai rises one.
    expect(unit('25345').change.rank).toBe(-1);
    expect(unit('25357').change.rank).toBe(1);
    expect(unit('25351').rankAmongComparable).toBeNull();
  });

  it('exports the comparison as a CSV with official codes and each predecessor', async () => {
    const res = await analyst(
      `/api/campaigns/${PROVINCE}/runs/${run2026}/compare.csv?with=${CAMPAIGN}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // UTF-8 with a BOM, so that Excel shows Vietnamese.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    // Headed in Vietnamese, values in words and vi-VN numbers (issue #13.11).
    expect(text.split('\r\n')[0]).toBe(
      'Mã đơn vị,Mã ĐVHC,Tên đơn vị,Bộ chỉ số,Cách so sánh,Điểm khảo sát năm nay,Tỷ lệ % năm nay,Điểm khảo sát năm trước,Tỷ lệ % năm trước,Thay đổi tỷ lệ %,Hạng năm nay,Hạng năm trước,Thay đổi hạng,Các đơn vị cũ,Ghi chú',
    );
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(comparison.units.length);
    const vi = (n: number | null | undefined) => (n ?? 0).toFixed(2).replace('.', ',');
    const th = unit('25345');
    const row = (code: string) => rows.find((r) => r['Mã đơn vị'] === code);
    expect(row('25345')).toEqual({
      'Mã đơn vị': '25345',
      'Mã ĐVHC': '25345',
      'Tên đơn vị': 'Xã Tân Hưng',
      'Bộ chỉ số': expect.stringMatching(/^Chỉ số CCHC/),
      'Cách so sánh': 'gộp các đơn vị cũ',
      'Điểm khảo sát năm nay': vi(th.current?.surveyScore),
      'Tỷ lệ % năm nay': vi(th.current?.surveyPercent),
      'Điểm khảo sát năm trước': vi(th.previous?.surveyScore),
      'Tỷ lệ % năm trước': vi(th.previous?.surveyPercent),
      'Thay đổi tỷ lệ %': vi(th.change.surveyPercent),
      'Hạng năm nay': '2',
      'Hạng năm trước': '1',
      'Thay đổi hạng': '-1',
      'Các đơn vị cũ':
        `25327 Xã Thanh An (Nhập toàn bộ): ${vi(th.predecessors[0]?.previous?.surveyPercent)}%; ` +
        `25330 Xã An Khương (Nhập toàn bộ): ${vi(th.predecessors[1]?.previous?.surveyPercent)}%; ` +
        `25345 Xã Tân Hưng (Nhập toàn bộ): ${vi(th.predecessors[2]?.previous?.surveyPercent)}%`,
      'Ghi chú': 'so với số liệu các đơn vị cũ gộp lại như một đơn vị',
    });
    const tq = row('25351');
    expect(tq?.['Cách so sánh']).toBe('không so sánh trực tiếp được');
    expect(tq?.['Các đơn vị cũ']).toContain(
      '25439 Xã Quang Minh (Nhập toàn bộ): không có trong đợt 2023',
    );
    expect(tq?.['Ghi chú']).toBe('không so sánh trực tiếp được');
    expect(row('694')?.['Cách so sánh']).toBe('chỉ có năm trước');
    expect(text).not.toMatch(/same_unit|pooled|not_comparable|previous_only|no_previous/);
  });

  it('compared the other way (2023 with the later 2026), matches no unit by official code', async () => {
    // 2023 Minh Tâm and 2026 Minh Đức share the code 25349: two eras, two places.
    const lock = await analyst(`/api/campaigns/${PROVINCE}/runs/${run2026}/lock`, {
      method: 'POST',
    });
    expect(lock.status).toBe(200);
    const [first] = await ctx.db
      .selectFrom('scoringRun')
      .select('id')
      .where('campaignId', '=', CAMPAIGN)
      .execute();
    const res = await analyst(
      `/api/campaigns/${CAMPAIGN}/runs/${first?.id}/compare?with=${PROVINCE}`,
    );
    expect(res.status).toBe(200);
    const back = Comparison.parse(await res.json());
    expect(back.acrossMergers).toBe(false);
    expect(back.units.filter((u) => u.presence === 'both')).toEqual([]);
    expect(back.units.find((u) => u.code === 'X-MINHTAM')?.comparability).toBe('no_previous');
    expect(back.units.find((u) => u.code === '25349')?.comparability).toBe('previous_only');
  });
});
