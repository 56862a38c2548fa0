import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCampaign } from '../../server/campaigns/service';
import { setup, signIn } from './helpers';
import { provinceDefinition, provinceUnitSet } from './roster/province';

/**
 * Issue #11 point 6: a province's Sở Nội vụ imports a roster typed by many offices, groups and
 * units abbreviated each their own way (test/fixtures/roster-tinh-2026.csv), through the
 * console's route.
 */

const ROSTER = readFileSync(resolve(import.meta.dirname, '../fixtures/roster-tinh-2026.csv'));

/** Row (spreadsheet numbering, the header is row 1) → the group and unit it must land in. */
const EXPECTED: Record<number, [string, string | null]> = {
  2: ['DB_HDND_TINH', null],
  3: ['DB_HDND_TINH', null],
  4: ['LD_SO', 'SNV'],
  5: ['LD_SO', 'STC'],
  6: ['LD_SO', 'VPUBND'],
  7: ['LD_SO', 'TTPVHCC'],
  8: ['LD_PHONG_SO', 'SGDDT'],
  9: ['LD_PHONG_SO', 'SYT'],
  10: ['LD_PHONG_SO', 'BQLKCN'],
  11: ['LD_UBND_XA', '25345'],
  12: ['LD_UBND_XA', '26089'],
  13: ['LD_UBND_XA', '26188'],
  14: ['LD_UBND_XA', '26446'],
  15: ['LD_UBND_XA', '25357'],
  16: ['LD_PHONG_XA', '25345'],
  17: ['LD_PHONG_XA', '25326'],
  18: ['LD_PHONG_XA', '25396'],
  19: ['LD_PHONG_XA', '25280'],
  20: ['LD_PHONG_XA', '25390'],
  21: ['LD_UBND_XA', '26020'],
  25: ['LD_UBND_XA', '25326'],
};

interface Result {
  committed: boolean;
  summary: { total: number; new: number; invalid: number };
  problems: { row: number; code: string; severity: string; suggestions?: string[] }[];
  rows: { row: number; status: string; person: { groupCode: string; unitCode: string | null } }[];
}

let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
let campaignId: string;
beforeEach(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
  const now = Date.now();
  campaignId = await createCampaign(ctx.db, {
    name: 'Khảo sát CCHC tỉnh Đồng Nai 2026 (kiểm thử)',
    definition: provinceDefinition(),
    unitSet: provinceUnitSet(),
    opensAt: new Date(now).toISOString(),
    closesAt: new Date(now + 30 * 86_400_000).toISOString(),
  });
});

function upload(action: 'preview' | 'import', fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(ROSTER)], 'danh-sach-tinh.csv'));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return officer(`/api/campaigns/${campaignId}/roster/${action}`, { method: 'POST', body: form });
}

describe('a province roster typed with abbreviations', () => {
  it('recognises every valid row and reports the ambiguous and unknown ones by row', async () => {
    const res = await upload('preview');
    expect(res.status).toBe(200);
    const r = (await res.json()) as Result;
    expect(r.summary).toMatchObject({ total: 25, new: 21, invalid: 4 });
    const errors = r.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.row, p.code])).toEqual([
      [22, 'ambiguous_unit'],
      [23, 'unknown_unit'],
      [24, 'unknown_group'],
      [26, 'ambiguous_unit'],
    ]);
    expect(errors[0]?.suggestions?.sort()).toEqual(['Xã Lộc Thành', 'Xã Lộc Thạnh']);
    expect(errors[1]?.suggestions).toContain('Sở Nội vụ');
    expect(errors[2]?.suggestions).toEqual(
      expect.arrayContaining([
        'Lãnh đạo phòng thuộc sở, ban, ngành',
        expect.stringMatching(/^Lãnh đạo phòng chuyên môn/),
      ]),
    );
    expect(errors[3]?.suggestions?.sort()).toEqual(['Xã Lộc Thành', 'Xã Lộc Thạnh']);
    const landed = Object.fromEntries(
      r.rows
        .filter((x) => x.status === 'new')
        .map((x) => [x.row, [x.person.groupCode, x.person.unitCode]]),
    );
    expect(landed).toEqual(EXPECTED);
  });

  it('imports the valid rows into their groups and units when the officer skips the others', async () => {
    const done = (await (await upload('import', { skipInvalid: 'true' })).json()) as Result;
    expect(done.committed).toBe(true);
    const people = await ctx.db
      .selectFrom('respondent')
      .select(['name', 'groupCode', 'unitCode', 'workplace'])
      .where('campaignId', '=', campaignId)
      .execute();
    expect(people).toHaveLength(21);
    const byName = new Map(people.map((p) => [p.name, p]));
    expect(byName.get('Nguyễn Văn An')).toMatchObject({
      groupCode: 'DB_HDND_TINH',
      unitCode: null,
      workplace: 'Sở Nội vụ',
    });
    expect(byName.get('Dương Văn Minh')).toMatchObject({
      groupCode: 'LD_UBND_XA',
      unitCode: '26089',
      workplace: 'Phường Bình Lộc',
    });
    expect(byName.get('Đặng Văn Giang')).toMatchObject({
      groupCode: 'LD_PHONG_SO',
      unitCode: 'SGDDT',
      workplace: 'Sở Giáo dục và Đào tạo',
    });
    expect(byName.has('Quách Văn Bảo')).toBe(false);
  });
});
