import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ResultsDocument } from '../../../contract/results';
import { builtInDefinition, builtInUnitSet } from '../../../questionnaires';
import { createCampaign } from '../../../server/campaigns/service';
import { setup, signIn } from '../helpers';
import { API, CAMPAIGN, COMMUNE, type Ctx, closeCampaign, DISTRICT, submitForms } from './helpers';
import { csv, type Request, runUnit, uploadSelfAssessment, xlsx } from './par-helpers';

let ctx: Ctx;
let analyst: Request;
beforeEach(async () => {
  ctx = await setup();
  analyst = await signIn(ctx, 'analyst');
});

const FIELDS = ['LV1', 'LV2', 'LV3', 'LV4', 'LV5', 'LV6', 'LV7', 'LV8'];
/** The district's appraised points per field: 8 + 7.25 + 9 + 6 + 10 + 5.5 + 7 + 7.75 = 60.50. */
const DISTRICT_FIELDS = [8, 7.25, 9, 6, 10, 5.5, 7, 7.75];

/** District 60.50 (per field), An Phú 70.255, Tân Khai 70.26, Minh Tâm 60, by code or name. */
const FILE_A = csv([
  'STT,Mã đơn vị,Đơn vị,Điểm tự đánh giá đã thẩm định',
  '1,694,UBND huyện Hớn Quản,"60,50"',
  '2,,xã An Phú,70.255',
  '3,TT-TANKHAI,,70.26',
  '4,,UBND xã Minh Tâm,60',
]);
/** The district 65.00 and nothing else. */
const FILE_B = csv(['Đơn vị,Điểm', 'Huyện Hớn Quản,65']);

interface Listed {
  imported: boolean;
  importedAt: string | null;
  importedBy: string | null;
  fingerprint: string | null;
  units: {
    code: string;
    points: string;
    max: string;
    fields: { code: string; points: string }[];
  }[];
  missing: { code: string }[];
}
const listed = async () => (await (await analyst(`${API}/self-assessment`)).json()) as Listed;
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; details?: unknown } }).error;

describe('importing the appraised self-assessment', () => {
  it('reads an .xlsx (title lines, numbers as numbers, one column per field), lists it and audits it', async () => {
    const file = await xlsx([
      ['STT', 'Mã đơn vị', 'Đơn vị', ...FIELDS, 'Điểm tự đánh giá đã thẩm định'],
      [1, '694', 'UBND huyện Hớn Quản', ...DISTRICT_FIELDS, 60.5],
      [2, 'X-ANPHU', 'UBND xã An Phú', null, null, null, null, null, null, null, null, 70.255],
      [3, null, 'Thị trấn Tân Khai', null, null, null, null, null, null, null, null, 71],
    ]);
    const res = await uploadSelfAssessment(analyst, CAMPAIGN, file, { name: 'tham-dinh.xlsx' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      committed: boolean;
      format: string;
      headerRow: number;
      problems: unknown[];
      units: { row: number; code: string; points: string }[];
      missing: unknown[];
      notes: string[];
    };
    expect(body).toMatchObject({ committed: true, format: 'xlsx', headerRow: 3, problems: [] });
    expect(body.units.map((u) => [u.row, u.code, u.points])).toEqual([
      [4, DISTRICT, '60.50'],
      [5, COMMUNE, '70.255'],
      [6, 'TT-TANKHAI', '71.00'],
    ]);
    // The district and 13 communes and towns are rated: 11 have no points yet.
    expect(body.missing).toHaveLength(11);
    expect(body.notes.join(' ')).toContain('Đợt khảo sát chưa đóng');

    const list = await listed();
    expect(list).toMatchObject({ imported: true, importedBy: expect.stringMatching(/^analyst-/) });
    expect(list.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(list.units[0]).toEqual({
      code: DISTRICT,
      name: 'UBND huyện Hớn Quản',
      index: 'HUYEN',
      points: '60.50',
      max: '70.00',
      fields: FIELDS.map((code, i) => ({
        code,
        points: (DISTRICT_FIELDS[i] as number).toFixed(2),
      })),
    });
    expect(list.units.map((u) => [u.code, u.max])).toEqual([
      [DISTRICT, '70.00'],
      ['TT-TANKHAI', '80.00'],
      [COMMUNE, '80.00'],
    ]);
    const audit = await ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'self_assessment_imported')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ campaignId: CAMPAIGN, target: 'tham-dinh.xlsx' });
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({
      units: 3,
      withFields: 1,
      replaced: 0,
    });
  });

  it('previews without writing, refuses a file with any problem as a whole (by row number), and replaces the previous import with a valid one', async () => {
    expect((await uploadSelfAssessment(analyst, CAMPAIGN, FILE_A)).status).toBe(201);
    const before = await listed();

    const bad = csv([
      'Đơn vị,Điểm',
      'UBND huyện Hớn Quản,61',
      'xã An Phú,80.5',
      'Xã Không Có,50',
      'xã Minh Đức,bảy mươi',
      'Huyện Hớn Quản,62',
    ]);
    const preview = await uploadSelfAssessment(analyst, CAMPAIGN, bad, { preview: true });
    expect(preview.status).toBe(200);
    const previewed = (await preview.json()) as {
      committed: boolean;
      dryRun: boolean;
      replaced: number;
      problems: { row: number; code: string; message: string }[];
    };
    expect(previewed).toMatchObject({ committed: false, dryRun: true, replaced: 4 });
    const expected = [
      [3, 'over_maximum'],
      [4, 'unknown_unit'],
      [5, 'not_a_number'],
      [6, 'duplicate_unit'],
    ];
    expect(previewed.problems.map((p) => [p.row, p.code])).toEqual(expected);
    expect(previewed.problems.map((p) => p.message)).toEqual([
      'Điểm 80,5 lớn hơn điểm tối đa 80 (100 − 20 điểm khảo sát).',
      expect.stringMatching(/^Không có đơn vị "Xã Không Có"/),
      expect.stringMatching(/^Điểm "bảy mươi" không phải là số hợp lệ/),
      '"UBND huyện Hớn Quản" đã có ở dòng 2.',
    ]);

    const refused = await uploadSelfAssessment(analyst, CAMPAIGN, bad);
    expect(refused.status).toBe(422);
    const error = await errorOf(refused);
    expect(error.code).toBe('self_assessment_invalid');
    expect(error.message).toMatch(/^Tệp có 4 lỗi: không nhập gì/);
    expect((error.details as { row: number; code: string }[]).map((p) => [p.row, p.code])).toEqual(
      expected,
    );
    // Row 2 was valid, yet nothing of the file was taken: the first import stands whole.
    expect(await listed()).toEqual(before);

    const replaced = await uploadSelfAssessment(analyst, CAMPAIGN, FILE_B);
    expect(replaced.status).toBe(201);
    expect(await replaced.json()).toMatchObject({ replaced: 4 });
    const after = await listed();
    expect(after.units.map((u) => [u.code, u.points])).toEqual([[DISTRICT, '65.00']]);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(
      await ctx.db
        .selectFrom('selfAssessment')
        .select(['unitCode', 'fieldCode', 'points'])
        .execute(),
    ).toEqual([{ unitCode: DISTRICT, fieldCode: '', points: '65.00' }]);
  });

  it('is refused before the campaign opens (the maxima may still change), and allowed once it is closed', async () => {
    await createCampaign(ctx.db, {
      id: 'chua-mo',
      name: 'Chưa mở',
      definition: builtInDefinition(),
      unitSet: builtInUnitSet(),
    });
    for (const preview of [false, true]) {
      const res = await uploadSelfAssessment(analyst, 'chua-mo', FILE_B, { preview });
      expect(res.status).toBe(409);
      expect((await errorOf(res)).code).toBe('campaign_not_open');
    }
    await closeCampaign(ctx);
    expect((await uploadSelfAssessment(analyst, CAMPAIGN, FILE_B)).status).toBe(201);
    expect((await uploadSelfAssessment(analyst, 'khong-co', FILE_B)).status).toBe(404);
  });

  it('is for analysts and admins only', async () => {
    const officer = await signIn(ctx, 'officer');
    const admin = await signIn(ctx, 'admin');
    for (const res of [
      await uploadSelfAssessment(officer, CAMPAIGN, FILE_B),
      await officer(`${API}/self-assessment`),
    ]) {
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
    expect(await ctx.db.selectFrom('selfAssessment').selectAll().execute()).toEqual([]);
    expect((await uploadSelfAssessment(admin, CAMPAIGN, FILE_B)).status).toBe(201);
    expect((await admin(`${API}/self-assessment`)).status).toBe(200);
    expect((await ctx.app.request(`${API}/self-assessment`)).status).toBe(401);
  });
});

/** 3 delegates and 3 office leaders answer every question B (0.60): survey = 0.6 × budget. */
async function surveyAllB() {
  await submitForms(ctx, 'HDND_HUYEN', 'B', 3);
  await submitForms(ctx, 'LD_CQCM_HUYEN', 'B', 3);
  await closeCampaign(ctx);
}

async function newRun(): Promise<ResultsDocument> {
  const res = await analyst(`${API}/runs`, { method: 'POST' });
  expect(res.status).toBe(201);
  return (await res.json()) as ResultsDocument;
}
const lock = (runId: string) => analyst(`${API}/runs/${runId}/lock`, { method: 'POST' });
const csvLines = async (runId: string) =>
  (await (await analyst(`${API}/runs/${runId}/export.csv`)).text()).trimEnd().split('\r\n');

describe('the total PAR index in a run', () => {
  it('is (self-assessment + survey) / 100 × 100 per unit, ranked by it, with both parts side by side in JSON, CSV and xlsx', async () => {
    await surveyAllB();
    const file = csv([
      `Mã đơn vị,${FIELDS.join(',')},Điểm`,
      `694,${DISTRICT_FIELDS.join(',')},60.50`,
      'X-ANPHU,,,,,,,,,70.255',
      'TT-TANKHAI,,,,,,,,,70.26',
      'X-MINHTAM,,,,,,,,,60',
    ]);
    expect((await uploadSelfAssessment(analyst, CAMPAIGN, file)).status).toBe(201);
    const doc = await newRun();
    expect(doc.selfAssessment).toEqual({
      importedAt: expect.any(String),
      fingerprint: (await listed()).fingerprint,
      units: 4,
    });
    // Every criterion B from both groups: 0.6 × its maximum, exact at 2 decimals, so the survey
    // component is 0.6 × 30 = 18.00 for the district and 0.6 × 20 = 12.00 for each commune.
    const district = runUnit(doc, DISTRICT);
    expect(district.surveyScore).toBe(18);
    // (60.50 + 18.00) / (70 + 30) × 100 = 78.50.
    expect(district.parIndex).toBe(78.5);
    expect(district.total).toMatchObject({
      selfAssessment: 60.5,
      selfAssessmentMax: 70,
      survey: 18,
      surveyMax: 30,
      score: 78.5,
      max: 100,
      rank: 1,
    });
    expect(district.total?.fields).toHaveLength(8);
    // An Phú: 70.255 + 12.00 = 82.255 → 82.26 (floats: 82.25); Tân Khai 70.26 + 12 = 82.26,
    // the same published index and rank; Minh Tâm 60 + 12 = 72.00, third.
    const xa = (code: string) => {
      const u = runUnit(doc, code);
      return [u.parIndex, u.total?.rank ?? null];
    };
    expect(xa(COMMUNE)).toEqual([82.26, 1]);
    expect(xa('TT-TANKHAI')).toEqual([82.26, 1]);
    expect(xa('X-MINHTAM')).toEqual([72, 3]);
    expect(runUnit(doc, 'X-TANHUNG')).toMatchObject({ parIndex: null, total: null });

    const lines = await csvLines(doc.method.runId);
    const d = '694,UBND huyện Hớn Quản,Chỉ số CCHC của UBND huyện';
    const x = (code: string, name: string) =>
      `${code},UBND xã ${name},"Chỉ số CCHC của UBND xã, thị trấn"`;
    for (const line of [
      `${d},Điểm khảo sát,"18,00",`,
      `${d},Chỉ số CCHC (%),"78,50",`,
      `${d},Điểm tự đánh giá đã thẩm định,"60,5",`,
      `${d},Điểm tự đánh giá tối đa,"70,00",`,
      `${d},Tổng điểm,"78,5",`,
      `${d},Tổng điểm tối đa,"100,00",`,
      `${d},Hạng theo Chỉ số CCHC,1,`,
      `${d},Lĩnh vực Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật: điểm tự đánh giá,"7,25",`,
      `${x(COMMUNE, 'An Phú')},Chỉ số CCHC (%),"82,26",`,
      // Imported points are shown as given, not rounded: 70.255 + 12.00 = 82.255.
      `${x(COMMUNE, 'An Phú')},Điểm tự đánh giá đã thẩm định,"70,255",`,
      `${x(COMMUNE, 'An Phú')},Tổng điểm,"82,255",`,
      `${x(COMMUNE, 'An Phú')},Điểm tự đánh giá tối đa,"80,00",`,
      `${x('X-MINHTAM', 'Minh Tâm')},Hạng theo Chỉ số CCHC,3,`,
      `${x('X-TANHUNG', 'Tân Hưng')},Chỉ số CCHC (%),,chưa nhập điểm tự đánh giá`,
      `${x('X-TANHUNG', 'Tân Hưng')},Hạng theo Chỉ số CCHC,,chưa nhập điểm tự đánh giá`,
      `,,,Dấu vân tay điểm tự đánh giá,${doc.selfAssessment?.fingerprint},`,
    ])
      expect(lines).toContain(line);
    expect(lines.filter((l) => /: điểm tự đánh giá"?,/.test(l))).toHaveLength(8);

    const res = await analyst(`${API}/runs/${doc.method.runId}/export.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = (name: string) => {
      const found = book.getWorksheet(name);
      if (!found) throw new Error(`no sheet ${name}`);
      return found;
    };
    // The official table: ranked by the PAR index, both parts beside it (columns 7–10).
    const summary = sheet('Kết quả – UBND huyện');
    expect((summary.getRow(7).values as unknown[]).slice(1, 11)).toEqual([
      'Xếp hạng theo Chỉ số CCHC',
      'Mã đơn vị',
      'Đơn vị',
      'Điểm khảo sát',
      'Tối đa',
      'Tỷ lệ %',
      'Xếp hạng theo điểm khảo sát',
      'Tự đánh giá',
      'Tổng điểm',
      'Chỉ số CCHC %',
    ]);
    expect((summary.getRow(8).values as unknown[]).slice(1, 11)).toEqual([
      1,
      '694',
      'UBND huyện Hớn Quản',
      18,
      30,
      60,
      1,
      60.5,
      78.5,
      78.5,
    ]);
    expect(String(summary.getCell(5, 1).value)).toContain('tự đánh giá đã thẩm định nhập lúc');
    const communes = sheet('Kết quả – UBND xã, thị trấn');
    const rows: unknown[][] = [];
    communes.eachRow((row) => {
      rows.push(row.values as unknown[]);
    });
    const anPhu = rows.find((r) => r[2] === COMMUNE);
    expect(anPhu?.[1]).toBe(1);
    expect(anPhu?.slice(8, 11)).toEqual([70.255, 82.255, 82.26]);
    let format = '';
    communes.eachRow((row) => {
      if (row.getCell(2).value === COMMUNE) format = row.getCell(8).numFmt;
    });
    expect(format).toBe('[$-42A]#,##0.00##');
    expect(rows.find((r) => r[2] === 'X-TANHUNG')?.slice(8, 11)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(String(rows.find((r) => r[2] === 'X-TANHUNG')?.at(-1))).toContain(
      'chưa nhập điểm tự đánh giá',
    );
    // Units with the PAR index first, by its rank; the others after, by their survey score.
    const ranked = rows.filter((r) => typeof r[1] === 'number').map((r) => r[1]);
    expect(ranked).toEqual([...ranked].sort((a, b) => Number(a) - Number(b)));
    const method = new Map<string, string>();
    book.getWorksheet('Phương pháp')?.eachRow((row) => {
      method.set(String(row.getCell(1).value), String(row.getCell(2).value));
    });
    expect(method.get('Chỉ số CCHC tổng')).toContain('HUYEN: 70 + 30; XA: 80 + 20');
    expect(method.get('Chỉ số CCHC tổng')).toContain(doc.selfAssessment?.fingerprint);
  });

  it('stays as it was in a locked run after a new import; a run made with another import cannot be locked', async () => {
    await surveyAllB();
    const before = await newRun();
    expect(before.selfAssessment).toBeNull();
    expect(before.units.every((u) => u.parIndex === null && u.total === null)).toBe(true);

    expect((await uploadSelfAssessment(analyst, CAMPAIGN, FILE_A)).status).toBe(201);
    // The run has no self-assessment, the campaign now has one: locking it would publish a
    // total other than the current data's.
    const stale = await lock(before.method.runId);
    expect(stale.status).toBe(409);
    const error = await errorOf(stale);
    expect(error.code).toBe('stale_run');
    expect(error.message).toContain('tự đánh giá');

    const first = await newRun();
    expect(runUnit(first, DISTRICT).parIndex).toBe(78.5);
    expect((await lock(first.method.runId)).status).toBe(200);
    const json = await (await analyst(`${API}/runs/${first.method.runId}/export.json`)).text();
    const lines = await csvLines(first.method.runId);

    const reimport = await uploadSelfAssessment(analyst, CAMPAIGN, FILE_B);
    expect(((await reimport.json()) as { notes: string[] }).notes.join(' ')).toMatch(
      /1 lần tính đã khóa giữ nguyên số liệu/,
    );
    // The locked run is what it was, byte for byte, and still says which import it used.
    expect(await (await analyst(`${API}/runs/${first.method.runId}/export.json`)).text()).toBe(
      json,
    );
    expect(await csvLines(first.method.runId)).toEqual(lines);
    expect(lines).toContain(
      '694,UBND huyện Hớn Quản,Chỉ số CCHC của UBND huyện,Chỉ số CCHC (%),"78,50",',
    );
    const locked = (await (
      await analyst(`${API}/runs/${first.method.runId}`)
    ).json()) as ResultsDocument;
    expect(locked.selfAssessment?.fingerprint).not.toBe((await listed()).fingerprint);

    const runs = (await (await analyst(`${API}/runs`)).json()) as {
      runs: { id: string; current: boolean; selfAssessmentCurrent: boolean }[];
    };
    expect(runs.runs.map((r) => [r.id, r.current, r.selfAssessmentCurrent])).toEqual([
      [first.method.runId, true, false],
      [before.method.runId, true, false],
    ]);

    // A new run takes the new import: (65.00 + 18.00) / 100 × 100 = 83.00; An Phú has none now.
    const second = await newRun();
    expect(runUnit(second, DISTRICT).parIndex).toBe(83);
    expect(runUnit(second, COMMUNE).parIndex).toBeNull();
    // The same content imported again has the same fingerprint: the run is still current.
    expect((await uploadSelfAssessment(analyst, CAMPAIGN, FILE_B)).status).toBe(201);
    expect((await lock(second.method.runId)).status).toBe(200);
  });
});
