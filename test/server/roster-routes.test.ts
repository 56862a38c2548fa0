import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { FIELD_LABELS, ROSTER_FIELDS } from '../../contract/console/roster';
import { XLSX } from '../../server/http';
import { setup, signIn } from './helpers';

const SAMPLE = readFileSync(resolve(import.meta.dirname, '../fixtures/respondents-sample.csv'));

let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
let campaignId: string;
beforeEach(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
  const res = await officer('/api/campaigns', {
    method: 'POST',
    body: JSON.stringify({ name: 'Khảo sát 2024', contactName: null, contactPhone: null }),
  });
  campaignId = ((await res.json()) as { id: string }).id;
});

/** multipart/form-data, as the console's file picker sends it (no JSON content type). */
function upload(
  action: 'preview' | 'import',
  fields: Record<string, string> = {},
  file = SAMPLE,
  name = 'danh-sach.csv',
) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return officer(`/api/campaigns/${campaignId}/roster/${action}`, { method: 'POST', body: form });
}

/** The body of a 200 answer; any other answer fails with its status and body in the message. */
async function ok200(res: Response): Promise<unknown> {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

interface Result {
  committed: boolean;
  summary: { total: number; new: number; invalid: number };
  problems: { row: number; code: string; message: string }[];
}

describe('roster import from the console', () => {
  it('previews the sample roster with every problem by row number, writing nothing', async () => {
    const res = await upload('preview');
    expect(res.status).toBe(200);
    const r = (await res.json()) as Result;
    expect(r.summary).toMatchObject({ total: 159, new: 156, invalid: 3 });
    expect(r.committed).toBe(false);
    expect(
      r.problems
        .filter((p) => ['duplicate_in_file', 'unknown_unit', 'missing_group'].includes(p.code))
        .map((p) => p.row),
    ).toEqual([158, 159, 160]);
    expect(r.problems.find((p) => p.row === 159)?.message).toContain('Phòng Ngoại vụ');
    const n = await ctx.db
      .selectFrom('respondent')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaignId', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('imports nothing while a row is invalid, then the valid rows when the officer chooses so', async () => {
    const refused = (await (await upload('import')).json()) as Result;
    expect(refused.committed).toBe(false);
    const done = (await (await upload('import', { skipInvalid: 'true' })).json()) as Result;
    expect(done.committed).toBe(true);
    const links = await officer(`/api/campaigns/${campaignId}/invitations`);
    expect(((await links.json()) as { total: number }).total).toBe(156);
    const actions = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('campaignId', '=', campaignId)
      .execute();
    expect(actions.map((a) => a.action)).toContain('roster.import');
  });

  it('refuses binary garbage with a Vietnamese message and a stable code', async () => {
    const res = await upload(
      'preview',
      {},
      Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 9, 8, 7]),
      'rac.xlsx',
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toMatch(/^roster_/);
    expect(error.message).toMatch(/[ăâđêôơư]/);
  });

  it('is for staff only', async () => {
    const analyst = await signIn(ctx, 'analyst');
    const form = new FormData();
    form.set('file', new File([new Uint8Array(SAMPLE)], 'x.csv'));
    const res = await analyst(`/api/campaigns/${campaignId}/roster/preview`, {
      method: 'POST',
      body: form,
    });
    expect(res.status).toBe(403);
  });

  it('takes the officer’s decisions: a namesake is another person, a suggested unit or group picked (issue #13.15)', async () => {
    const asked = (await (await upload('preview')).json()) as {
      problems: { row: number; code: string; matchedBy?: string; suggestions?: string[] }[];
    };
    const duplicate = asked.problems.find((p) => p.code === 'duplicate_in_file');
    expect(duplicate).toMatchObject({ row: 158, matchedBy: 'name' });
    expect(asked.problems.find((p) => p.row === 159)?.suggestions).toContain('Phòng Nội vụ');
    const decided = {
      distinct: JSON.stringify([158]),
      choose: JSON.stringify({
        159: { unit: 'Phòng Nội vụ' },
        160: { group: 'Công chức các phòng chuyên môn thuộc UBND huyện' },
      }),
    };
    const preview = (await (await upload('preview', decided)).json()) as Result & {
      rows: { row: number; status: string; values: Record<string, string> }[];
    };
    expect(preview.summary).toMatchObject({ total: 159, new: 159, invalid: 0 });
    expect(preview.rows.find((r) => r.row === 159)?.values.unit).toBe('Phòng Nội vụ');
    const done = (await (await upload('import', decided)).json()) as Result;
    expect(done.committed).toBe(true);
    const people = await ctx.db
      .selectFrom('respondent')
      .select('name')
      .where('campaignId', '=', campaignId)
      .where('name', '=', 'Phan Hoàng Trung')
      .execute();
    expect(people).toHaveLength(2);
  });

  it.each([
    ['not JSON', '{159:'],
    ['a row that is no number', JSON.stringify({ x: { unit: 'Phòng Nội vụ' } })],
    ['a field other than group or unit', JSON.stringify({ 159: { name: 'A' } })],
  ])('refuses a choice that is %s (400, nothing read)', async (_, choose) => {
    const res = await upload('preview', { choose });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error).toMatchObject({
      code: 'invalid_request',
      message: 'Trường "choose" không hợp lệ.',
    });
  });
});

describe('the roster template (issue #13.15)', () => {
  it('is an Excel file with the columns the import reads, an example row, the campaign’s groups and units', async () => {
    const res = await officer(`/api/campaigns/${campaignId}/roster/template.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="mau-danh-sach-${campaignId}.xlsx"`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Danh sách', 'Nhóm đối tượng', 'Đơn vị']);
    const list = book.getWorksheet('Danh sách');
    const row = (n: number) => ((list?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(row(1)).toEqual(ROSTER_FIELDS.map((f) => FIELD_LABELS[f]));
    expect(row(2)).toEqual([
      1,
      'Nguyễn Văn An',
      'Trưởng phòng',
      'Văn phòng HĐND và UBND huyện',
      'Lãnh đạo cơ quan chuyên môn thuộc UBND huyện',
      '0912345678',
      'nguyenvanan@example.gov.vn',
      'Dòng ví dụ: xóa dòng này trước khi nhập',
    ]);
    expect(list?.getCell('E2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ["'Nhóm đối tượng'!$A$2:$A$5"],
    });
    const groups = book.getWorksheet('Nhóm đối tượng');
    expect(((groups?.getRow(2).values ?? []) as unknown[]).slice(1, 3)).toEqual([
      'Đại biểu HĐND huyện',
      'Không',
    ]);
    const units = book.getWorksheet('Đơn vị');
    expect(units?.rowCount).toBeGreaterThan(20);
    expect(((units?.getRow(2).values ?? []) as unknown[]).slice(1)).toEqual([
      expect.stringMatching(/^(UBND|Văn phòng|Phòng)/),
      expect.any(String),
    ]);

    // Read back by the import: every column recognised; the example row, left in, refused.
    const r = (await ok200(await upload('preview', {}, bytes, 'mau-danh-sach.xlsx'))) as Result & {
      columns: { field: string; sure: boolean }[];
    };
    expect(r.columns.map((c) => c.field)).toEqual([...ROSTER_FIELDS]);
    expect(r.columns.every((c) => c.sure)).toBe(true);
    expect(r.summary).toMatchObject({ total: 1, new: 0, invalid: 1 });
    expect(r.problems).toEqual([
      expect.objectContaining({
        row: 2,
        code: 'example_row',
        message: 'Dòng ví dụ của tệp mẫu: xóa dòng này trước khi nhập.',
      }),
    ]);
    // Filled in, the same file is a valid person.
    const note = list?.getRow(2).getCell(8);
    if (note) note.value = '';
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    const ok = (await ok200(await upload('preview', {}, filled, 'danh-sach.xlsx'))) as Result;
    expect(ok.summary).toMatchObject({ total: 1, new: 1, invalid: 0 });
  });

  it('is for staff only', async () => {
    const analyst = await signIn(ctx, 'analyst');
    expect((await analyst(`/api/campaigns/${campaignId}/roster/template.xlsx`)).status).toBe(403);
    expect((await officer('/api/campaigns/nope/roster/template.xlsx')).status).toBe(404);
  });
});

describe('upload size', () => {
  it('takes a roster far larger than other API bodies, which stay limited', async () => {
    const rows = Array.from(
      { length: 4000 },
      (_, i) =>
        `${i + 1},Nguyễn Văn Thử ${i},Chuyên viên,Phòng Nội vụ,Công chức phòng chuyên môn,09${String(10000000 + i)},,`,
    );
    const big = Buffer.from(
      `STT,Họ và tên,Chức vụ,Đơn vị công tác,Nhóm đối tượng,Số điện thoại,Email,Ghi chú\n${rows.join('\n')}\n`,
    );
    expect(big.length).toBeGreaterThan(300 * 1024);
    const res = await upload('preview', {}, big, 'lon.csv');
    expect(res.status).toBe(200);
    expect(((await res.json()) as Result).summary.total).toBe(4000);
    const other = await officer('/api/campaigns', {
      method: 'POST',
      body: JSON.stringify({ name: 'x'.repeat(300 * 1024) }),
    });
    expect(other.status).toBe(413);
  });
});
