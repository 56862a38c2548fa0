import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCampaign } from '../../server/campaigns/service';
import { setup, signIn } from './helpers';
import { PROVINCE_ROSTER_LANDS, provinceDefinition, provinceUnitSet } from './roster/province';

/**
 * Issue #11 point 6: a province's Sở Nội vụ imports a roster typed by many offices, groups and
 * units abbreviated each their own way (test/fixtures/roster-tinh-2026.csv), through the
 * console's route.
 */

const ROSTER = readFileSync(resolve(import.meta.dirname, '../fixtures/roster-tinh-2026.csv'));

interface Result {
  committed: boolean;
  summary: { total: number; new: number; invalid: number };
  problems: {
    row: number;
    code: string;
    severity: string;
    message: string;
    suggestions?: string[];
  }[];
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
    expect(r.summary).toMatchObject({ total: 26, new: 21, invalid: 5 });
    const errors = r.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.row, p.code])).toEqual([
      [22, 'ambiguous_unit'],
      [23, 'unknown_unit'],
      [24, 'unknown_group'],
      [26, 'ambiguous_unit'],
      [27, 'unknown_group'],
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
    // "LĐ ban": a province's board, or a department's? The officer says.
    expect(errors[4]?.message).toMatch(/^"LĐ ban" có thể là nhiều nhóm đối tượng/);
    expect(errors[4]?.suggestions?.sort()).toEqual([
      'Lãnh đạo phòng thuộc sở, ban, ngành',
      'Lãnh đạo sở, ban, ngành tỉnh',
    ]);
    const landed = Object.fromEntries(
      r.rows
        .filter((x) => x.status === 'new')
        .map((x) => [x.row, [x.person.groupCode, x.person.unitCode]]),
    );
    expect(landed).toEqual(PROVINCE_ROSTER_LANDS);
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
