import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultsDocument } from '../../../contract/results';
import { builtInDefinition } from '../../../questionnaires';
import { viDateTime } from '../../../server/results/export/format';
import { resultsXlsx } from '../../../server/results/export/workbook';
import {
  pendingSheetXml,
  planRawExport,
  RAW_COLUMNS,
  rawAnswerRows,
  rawAnswersCsvStream,
  rawAnswersXlsx,
} from '../../../server/results/raw';
import { codebookRows } from '../../../server/results/raw-codebook';
import { setup, signIn } from '../helpers';
import { API, CAMPAIGN, type Ctx, closeCampaign, DISTRICT, submitForms } from './helpers';

/**
 * One closed campaign for every export: 3 delegates (all A, with a comment naming someone and
 * demographics), 3 office leaders (all B), 2 commune leaders (all C: a group under 3 forms).
 */
let ctx: Ctx;
let analyst: Awaited<ReturnType<typeof signIn>>;
let doc: ResultsDocument;
const NAMED = 'Anh Nguyễn Văn Tuấn ở bộ phận một cửa (0912 345 678) hay gây khó dễ.';
const REDACTED = 'Anh [đã che tên] ở bộ phận một cửa ([đã che]) hay gây khó dễ.';
const PHONE = '0987 654 321';

beforeAll(async () => {
  ctx = await setup();
  analyst = await signIn(ctx, 'analyst');
  await ctx.db.updateTable('respondent').set({ phone: PHONE }).execute();
  await submitForms(ctx, 'HDND_HUYEN', 'A', 3, {
    comments: { P01: NAMED },
    demographics: { gender: 'Nữ', age: 'Trên 50' },
  });
  await submitForms(ctx, 'LD_CQCM_HUYEN', 'B', 3);
  await submitForms(ctx, 'LD_UBND_XA', 'C', 2, { comments: { P03: 'Cần thêm máy tính.' } });
  await closeCampaign(ctx);
  const res = await analyst(`${API}/runs`, { method: 'POST' });
  expect(res.status).toBe(201);
  doc = (await res.json()) as ResultsDocument;
});

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
const BOM = [0xef, 0xbb, 0xbf];

/** Every cell of every sheet, as text, for "nothing personal in here" checks. */
async function workbookText(book: ExcelJS.Workbook) {
  const parts: string[] = [];
  for (const sheet of book.worksheets)
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        parts.push(String(cell.text));
      });
    });
  return parts.join('\n');
}

async function expectNothingPersonal(text: string) {
  const people = await ctx.db.selectFrom('respondent').select(['name', 'phone']).execute();
  expect(people.length).toBe(24);
  for (const p of people) {
    expect(text).not.toContain(p.name);
    expect(text).not.toContain(p.phone);
  }
  expect(text).not.toContain('/s/');
  expect(text).not.toContain('http');
  expect(text).not.toContain('Nguyễn Văn Tuấn');
}

describe('the results exports', () => {
  it('JSON is the results document, identical on every export', async () => {
    const a = await analyst(`${API}/runs/${doc.method.runId}/export.json`);
    expect(a.headers.get('content-disposition')).toContain(`ket-qua-${CAMPAIGN}-`);
    const text = await a.text();
    expect(JSON.parse(text)).toEqual(doc);
    expect(await (await analyst(`${API}/runs/${doc.method.runId}/export.json`)).text()).toBe(text);
    await expectNothingPersonal(text);
  });

  it('CSV starts with a BOM and has one row per unit × figure, in Vietnamese words and numbers (issue #13.11)', async () => {
    const res = await analyst(`${API}/runs/${doc.method.runId}/export.csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = await bytesOf(res);
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('Mã đơn vị,Tên đơn vị,Bộ chỉ số,Nội dung,Giá trị,Ghi chú');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const value = (unit: string, what: string) =>
      rows.find((r) => r['Mã đơn vị'] === unit && r['Nội dung'] === what);
    const run = (what: string) => value('', what)?.['Giá trị'];
    const d = (what: string) => value('694', what);
    const c11 =
      'Tiêu chí 1.1. Sự năng động, quyết tâm của lãnh đạo UBND huyện trong cải cách hành chính';
    // 1.1: delegates 1, office leaders 0.6, commune leaders 0.2 → R = 0.6 → 0,60 of 1,00.
    expect(d(`${c11}: điểm`)).toEqual({
      'Mã đơn vị': '694',
      'Tên đơn vị': 'UBND huyện Hớn Quản',
      'Bộ chỉ số': 'Chỉ số CCHC của UBND huyện',
      'Nội dung': `${c11}: điểm`,
      'Giá trị': '0,60',
      'Ghi chú': '',
    });
    expect(d(`${c11}: tỷ lệ`)?.['Giá trị']).toBe('0,6');
    expect(d(`${c11}: số câu trả lời hợp lệ`)?.['Giá trị']).toBe('8');
    expect(d('Điểm khảo sát tối đa')?.['Giá trị']).toBe('30,00');
    expect(d('Lĩnh vực Công tác chỉ đạo, điều hành cải cách hành chính: tỷ lệ (%)')).toBeDefined();
    expect(run('Dấu vân tay dữ liệu')).toBe(doc.fingerprint);
    expect(run('Loại lần tính')).toBe('Chính thức');
    expect(run('Cách gộp các nhóm')).toBe('bình quân các nhóm đối tượng');
    expect(run('Thang điểm')).toBe('YB4 (mặc định)');
    expect(run('Thời điểm tính')).toBe(viDateTime(doc.method.createdAt));
    // Commune leaders (2 forms) rate the district: its criteria they answer are hidden.
    expect(d('Nhóm Lãnh đạo UBND các xã, thị trấn, tiêu chí 1.1: số phiếu')).toMatchObject({
      'Giá trị': '',
      'Ghi chú': 'ẩn (dưới 3 phiếu)',
    });
    expect(d('Nhóm Đại biểu HĐND huyện, tiêu chí 1.1: tỷ lệ')?.['Ghi chú']).toBe(
      'ẩn (dưới 3 phiếu)',
    );
    // 6.3 is not in the commune leaders' Phiếu 03: delegates and office leaders, 3 each, shown.
    expect(d('Nhóm Đại biểu HĐND huyện, tiêu chí 6.3: số phiếu')?.['Giá trị']).toBe('3');
    expect(
      d('Nhóm Lãnh đạo cơ quan chuyên môn thuộc UBND huyện, tiêu chí 6.3: tỷ lệ')?.['Giá trị'],
    ).toBe('0,6');
    // One row per figure: 12 run rows, then per unit 5 survey + 5 total (step 8; empty here,
    // nothing imported) + 3 per field + 5 per criterion + 2 per group × criterion.
    const expected =
      12 +
      doc.units.reduce(
        (n, u) =>
          n +
          10 +
          3 * u.fields.length +
          5 * u.criteria.length +
          2 * u.groups.reduce((m, g) => m + g.criteria.length, 0),
        0,
      );
    expect(rows).toHaveLength(expected);
    // No code for a program reaches the reader: no "field:", "run:", "EQUAL_GROUP", no "0.6".
    for (const r of rows) {
      expect(r['Nội dung']).not.toMatch(/^[a-z_]+(:|$)|EQUAL_GROUP|POOLED|ZERO|RESCALE/);
      expect(r['Giá trị']).not.toMatch(/^\d+\.\d+$/);
    }
    await expectNothingPersonal(text);
  });

  it('xlsx has a summary per index, criteria, groups, distributions and the method, in Vietnamese', async () => {
    const res = await analyst(`${API}/runs/${doc.method.runId}/export.xlsx`);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Kết quả – UBND huyện',
      'Kết quả – UBND xã, thị trấn',
      'Tiêu chí – UBND huyện',
      'Tiêu chí – UBND xã, thị trấn',
      'Theo nhóm',
      'Phân bố A–E',
      'Phương pháp',
    ]);
    const summary = book.getWorksheet('Kết quả – UBND huyện');
    expect(summary?.getRow(7).values).toEqual(
      expect.arrayContaining([
        'Xếp hạng',
        'Mã đơn vị',
        'Đơn vị',
        'Điểm khảo sát',
        'Tối đa',
        'Tỷ lệ %',
        'LV1',
        'LV8',
      ]),
    );
    const district = doc.units.find((u) => u.code === DISTRICT);
    expect(summary?.getRow(8).getCell(1).value).toBe(1);
    expect(summary?.getRow(8).getCell(2).value).toBe(DISTRICT);
    expect(summary?.getRow(8).getCell(3).value).toBe('UBND huyện Hớn Quản');
    expect(summary?.getRow(8).getCell(4).value).toBe(district?.surveyScore);
    expect(summary?.getRow(8).getCell(6).value).toBe(district?.surveyPercent);
    const xa = book.getWorksheet('Kết quả – UBND xã, thị trấn');
    expect(xa?.rowCount).toBeGreaterThanOrEqual(20);

    const text = await workbookText(book);
    expect(text).toContain(
      'Sự năng động, quyết tâm của lãnh đạo UBND huyện trong cải cách hành chính',
    );
    expect(text).toContain('Lãnh đạo UBND các xã, thị trấn');
    expect(text).toContain('ẩn (dưới 3 phiếu)');
    expect(text).toBe(text.normalize('NFC'));
    const method = book.getWorksheet('Phương pháp');
    const lines = new Map<string, string>();
    method?.eachRow((row) => {
      lines.set(String(row.getCell(1).value), String(row.getCell(2).value));
    });
    expect(lines.get('Lần tính')).toBe(doc.method.runId);
    expect(lines.get('Dấu vân tay dữ liệu (SHA-256)')).toBe(doc.fingerprint);
    expect(lines.get('Bộ chỉ số')).toContain('phiên bản 1');
    expect(lines.get('Loại lần tính')).toMatch(/^Chính thức/);
    expect(lines.get('Khóa để công bố')).toBe('Chưa khóa');
    expect(lines.get('Quy tắc nhóm nhỏ')).toContain('ít nhất 3 phiếu');
    expect(lines.get('Giới hạn của quy tắc')).toContain('kể cả của nhóm dưới 3 phiếu');
    expect(lines.get('Thang điểm')).toContain('YB4');
    // In words and Vietnamese numbers, no method code (issue #13.11).
    expect(lines.get('Thang điểm')).toContain('A = 1,00; B = 0,60');
    expect(lines.get('Cách gộp các nhóm')).toMatch(/^Bình quân các nhóm: /);
    expect(lines.get('Tiêu chí không có dữ liệu')).toMatch(/^Tính 0 điểm: /);
    expect([...lines.values()].join('\n')).not.toMatch(/EQUAL_GROUP|POOLED|ZERO|RESCALE/);

    // Distributions: P01 q2 (1.2) is hidden for the district (commune leaders: 2 forms);
    // P02 q6 (2.2) is asked of office leaders (3, all B) and commune leaders: hidden too;
    // P02 q13 (4.3)… every hidden row has no counts.
    const dist = book.getWorksheet('Phân bố A–E');
    let shown = 0;
    dist?.eachRow((row, n) => {
      if (n === 1) return;
      const note = row.getCell(13).value;
      if (note) expect(row.getCell(7).value).toBeNull();
      else shown++;
    });
    expect(shown).toBeGreaterThan(0);
    await expectNothingPersonal(text);
  });
});

describe('the results workbook, as printed', () => {
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    const res = await analyst(`${API}/runs/${doc.method.runId}/export.xlsx`);
    book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
  });
  /** Decimals a number format shows: "[$-42A]#,##0.00" → 2. */
  const shownDecimals = (fmt: string) => /\.([0#]+)/.exec(fmt)?.[1]?.length ?? 0;
  const decimals = (n: number) => String(n).split('.')[1]?.length ?? 0;

  it('opens on the official table: a title with the campaign, the run, its status and fingerprint', () => {
    const first = book.worksheets[0];
    expect(first?.name).toBe('Kết quả – UBND huyện');
    const title = [1, 2, 3, 4, 5].map((r) => String(first?.getCell(r, 1).value));
    expect(title[0]).toBe('KẾT QUẢ ĐIỀU TRA XÃ HỘI HỌC — CHỈ SỐ CCHC CỦA UBND HUYỆN');
    expect(title[1]).toBe(`Đợt khảo sát: ${doc.campaign.name}`);
    expect(title[2]).toBe(`Lần tính ${doc.method.runId} — chính thức — chưa khóa`);
    expect(title[3]).toMatch(
      /^Tính lúc \d\d giờ \d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\) trên 8 phiếu/,
    );
    expect(title[3]).toContain(`dấu vân tay dữ liệu ${doc.fingerprint.slice(0, 12)}…`);
    expect(title[4]).toContain('chưa nhập điểm tự đánh giá');
    // The title spans the table, whose header row is the 7th.
    expect(first?.getCell(1, 1).isMerged).toBe(true);
    expect(first?.getCell(7, 3).value).toBe('Đơn vị');
    expect(first?.getCell(8, 3).border?.bottom?.style).toBe('thin');
  });

  it('says on its title when the run is a trial, or locked, in Vietnamese time', async () => {
    const titleOf = async (method: Partial<ResultsDocument['method']>) => {
      const other = new ExcelJS.Workbook();
      const bytes = await resultsXlsx(
        { ...doc, method: { ...doc.method, ...method } },
        builtInDefinition(),
        [],
      );
      await other.xlsx.load(bytes.buffer);
      return String(other.worksheets[0]?.getCell(3, 1).value);
    };
    expect(await titleOf({ trial: true })).toBe(
      `Lần tính ${doc.method.runId} — thử nghiệm (chỉ để xem, không công bố) — chưa khóa`,
    );
    expect(await titleOf({ locked: true, lockedAt: '2027-01-05T10:00:00.000Z' })).toBe(
      `Lần tính ${doc.method.runId} — chính thức — đã khóa lúc 17 giờ 00 ngày 05/01/2027`,
    );
    expect(viDateTime('2026-12-31T17:05:00.000Z')).toBe('00 giờ 05 ngày 01/01/2027');
  });

  it('prints every sheet on A4, one page wide, its header rows repeated, pages numbered', () => {
    for (const sheet of book.worksheets) {
      const setup = sheet.pageSetup;
      expect(setup.paperSize, sheet.name).toBe(9);
      expect(setup.orientation, sheet.name).toBe(
        sheet.name === 'Phương pháp' ? 'portrait' : 'landscape',
      );
      expect(setup.fitToPage, sheet.name).toBe(true);
      expect(setup.fitToWidth, sheet.name).toBe(1);
      expect(setup.fitToHeight, sheet.name).toBe(0);
      expect(setup.printTitlesRow?.replace(/\$/g, ''), sheet.name).toBe(
        sheet.name.startsWith('Kết quả') ? '7:7' : '1:1',
      );
      expect(sheet.headerFooter.oddFooter, sheet.name).toContain('Trang &P/&N');
      expect(sheet.views[0]?.state, sheet.name).toBe('frozen');
      expect(sheet.name.length).toBeLessThanOrEqual(31);
      expect(sheet.name).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it('keeps numbers as numbers, rounded as the method rounds, shown the Vietnamese way', () => {
    const summary = book.getWorksheet('Kết quả – UBND xã, thị trấn');
    let checked = 0;
    summary?.eachRow((row, r) => {
      if (r <= 7 || typeof row.getCell(4).value !== 'number') return;
      for (const c of [4, 5, 6, 7, 8]) {
        const cell = row.getCell(c);
        expect(typeof cell.value).toBe('number');
        expect(decimals(cell.value as number)).toBeLessThanOrEqual(2);
        expect(cell.numFmt).toBe('[$-42A]#,##0.00');
        checked++;
      }
    });
    expect(checked).toBeGreaterThanOrEqual(5 * 13);
    // Every ratio shows, and holds, at most 4 decimals; no number cell is left unformatted.
    let ratios = 0;
    for (const sheet of book.worksheets)
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          if (typeof cell.value !== 'number') return;
          expect(String(cell.numFmt), `${sheet.name}!${cell.address}`).toMatch(/^\[\$-42A\]/);
          expect(shownDecimals(cell.numFmt)).toBeLessThanOrEqual(4);
          expect(decimals(cell.value)).toBeLessThanOrEqual(4);
          if (cell.numFmt === '[$-42A]0.0000') ratios++;
        });
      });
    expect(ratios).toBeGreaterThan(100);
  });
});

describe('the raw answers', () => {
  it('leave out every unit × group under 3 forms, and hold no demographics, comment, name or link', async () => {
    const res = await analyst(`${API}/raw-answers.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-parts')).toBe('1');
    const bytes = await bytesOf(res);
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    const [header, ...rows] = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(header).toBe(RAW_COLUMNS.join(','));
    const cells = rows.map((r) => r.split(','));
    // Delegates: Phiếu 01 (20) + Phiếu 05 (12 × 13 communes); office leaders: 24 + 156.
    expect(cells.filter((c) => c[1] === 'HDND_HUYEN')).toHaveLength(3 * (20 + 156));
    expect(cells.filter((c) => c[1] === 'LD_CQCM_HUYEN')).toHaveLength(3 * (24 + 156));
    expect(cells.filter((c) => c[1] === 'LD_UBND_XA')).toEqual([]);
    expect(new Set(cells.map((c) => c[0]))).toEqual(
      new Set(['F0001', 'F0002', 'F0003', 'F0004', 'F0005', 'F0006']),
    );
    expect(cells.find((c) => c[1] === 'HDND_HUYEN' && c[3] === 'q1')).toEqual([
      expect.stringMatching(/^F000[1-6]$/),
      'HDND_HUYEN',
      'P01',
      'q1',
      '1.1',
      DISTRICT,
      'A',
    ]);
    const text = bytes.toString('utf8');
    expect(text).not.toMatch(/Nữ|Trên 50|máy tính|bộ phận một cửa/);
    await expectNothingPersonal(text);
  });

  it('come with a codebook that says what was left out and why', async () => {
    const res = await analyst(`${API}/raw-answers-codebook.csv`);
    const text = (await bytesOf(res)).toString('utf8');
    expect(text.startsWith('\uFEFFMục,Mã,Mô tả\r\n')).toBe(true);
    expect(text).toContain('Đã bỏ,694 × LD_UBND_XA,"UBND huyện Hớn Quản — Lãnh đạo UBND các xã');
    expect(text).not.toContain('694 × HDND_HUYEN');
    expect(text).toContain('Nhóm,HDND_HUYEN,Đại biểu HĐND huyện');
    expect(text).toMatch(/Câu hỏi,P01\.q1,.*\[tiêu chí 1\.1\]/);
    expect(text).toContain('Không có thông tin nhân khẩu');
    expect(text).toContain(doc.fingerprint);
  });

  it('as .xlsx: data sheets and the codebook "Mã hóa"', async () => {
    const res = await analyst(`${API}/raw-answers.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual(['Dữ liệu', 'Mã hóa']);
    expect(book.getWorksheet('Dữ liệu')?.rowCount).toBe(1 + 3 * 176 + 3 * 180);
    await expectNothingPersonal(await workbookText(book));
  });

  it("split past Excel's row limit: into sheets, or into CSV parts", async () => {
    const definition = builtInDefinition();
    const plan = await planRawExport(ctx.db, CAMPAIGN, 3);
    expect(plan.rows).toBe(3 * 176 + 3 * 180);
    const rows = () => rawAnswerRows(ctx.db, CAMPAIGN, definition, plan);
    const codebook = codebookRows(definition, [], plan, {
      fingerprint: 'x',
      parts: 3,
      perPart: 400,
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await rawAnswersXlsx(rows(), codebook, 400)).buffer);
    expect(book.worksheets.map((s) => [s.name, s.rowCount])).toEqual([
      ['Dữ liệu', 401],
      ['Dữ liệu (2)', 401],
      ['Dữ liệu (3)', 1 + plan.rows - 800],
      ['Mã hóa', 1 + codebook.length],
    ]);
    const part = async (n: number) =>
      Buffer.from(await new Response(rawAnswersCsvStream(rows(), n, 400)).arrayBuffer())
        .toString('utf8')
        .trimEnd()
        .split('\r\n');
    const [one, two, three] = [await part(1), await part(2), await part(3)];
    expect([one.length, two.length, three.length]).toEqual([401, 401, 1 + plan.rows - 800]);
    expect(two[0]).toBe(`\uFEFF${RAW_COLUMNS.join(',')}`);
    // The parts follow on: together they are every row once.
    const all = [...one.slice(1), ...two.slice(1), ...three.slice(1)];
    expect(new Set(all).size).toBe(plan.rows);
    const past = await analyst(`${API}/raw-answers.csv?part=2`);
    expect(past.status).toBe(404);
  });

  it('wait for the zip as they are written: ExcelJS still shows how much XML is pending', async () => {
    // Without it a million answers piled up 330 MB of XML before zlib got a turn (BENCHMARKS.md).
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: new PassThrough(),
      useSharedStrings: false,
    });
    const sheet = book.addWorksheet('Dữ liệu');
    expect(pendingSheetXml(sheet)).toBe(0);
    for (let i = 0; i < 10; i++) sheet.addRow(['x'.repeat(20_000)]).commit();
    // Nothing gave the event loop a turn: the XML (in 64 KB pieces) is all still pending.
    expect(pendingSheetXml(sheet)).toBeGreaterThanOrEqual(3 * 65_536);
  });
});

describe('the comments', () => {
  interface Comment {
    id: string;
    questionnaireId: string;
    text: string;
    status: string;
  }
  it('never show the group or the questionnaire of a group under 3 forms', async () => {
    // Two commune leaders answered: Phiếu 03 is theirs alone, so its title names the group too.
    const list = (await (await analyst(`${API}/comments`)).json()) as (Comment & {
      groupCode: string;
      groupName: string;
      questionnaireTitle: string;
    })[];
    const small = list.filter((c) => c.text === 'Cần thêm máy tính.');
    expect(small).toHaveLength(2);
    for (const c of small) {
      expect(c).toMatchObject({
        groupCode: '',
        groupName: 'ẩn (nhóm dưới 3 phiếu)',
        questionnaireId: '',
        questionnaireTitle: 'ẩn (nhóm dưới 3 phiếu)',
      });
    }
    // The delegates (3 forms) keep theirs.
    expect(list.filter((c) => c.groupCode === 'HDND_HUYEN')).toHaveLength(3);
    const id = small[0]?.id;
    await analyst(`${API}/comments/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ text: 'Cần thêm máy tính.' }),
    });
    const csv = (await bytesOf(await analyst(`${API}/comments.csv`))).toString('utf8');
    expect(csv).toContain(',ẩn (nhóm dưới 3 phiếu),,ẩn (nhóm dưới 3 phiếu),Cần thêm máy tính.');
    expect(csv).not.toContain('LD_UBND_XA');
    await analyst(`${API}/comments/${id}`, { method: 'PUT', body: JSON.stringify({ text: '' }) });
  });

  it('are exported apart, only once an analyst has blanked the names', async () => {
    const list = (await (await analyst(`${API}/comments`)).json()) as Comment[];
    // The delegates' three, then the small group's two (hidden group; one withheld above).
    expect(list.map((c) => c.questionnaireId)).toEqual(['P01', 'P01', 'P01', '', '']);
    expect(list.filter((c) => c.questionnaireId === 'P01').map((c) => c.status)).toEqual([
      'pending',
      'pending',
      'pending',
    ]);
    const csv = async () => (await bytesOf(await analyst(`${API}/comments.csv`))).toString('utf8');
    expect(await csv()).toBe('\uFEFFgroup_code,group,questionnaire_id,questionnaire,comment\r\n');

    const [first, second, third] = list.filter((c) => c.questionnaireId === 'P01');
    const put = (id: string | undefined, text: string) =>
      analyst(`${API}/comments/${id}`, { method: 'PUT', body: JSON.stringify({ text }) });
    expect(await (await put(first?.id, REDACTED)).json()).toMatchObject({ status: 'cleared' });
    expect(await (await put(second?.id, '')).json()).toMatchObject({ status: 'withheld' });
    expect((await put('no-such-comment', 'x')).status).toBe(404);
    void third;

    const text = await csv();
    expect(text).toContain(REDACTED);
    expect(text.trimEnd().split('\r\n')).toHaveLength(2);
    expect(text).not.toContain('Nguyễn Văn Tuấn');
    expect(text).not.toContain('0912 345 678');
    // The analyst still sees what was written; the audit never keeps it.
    const again = (await (await analyst(`${API}/comments`)).json()) as (Comment & {
      redactedText: string | null;
    })[];
    expect(again.find((c) => c.id === first?.id)).toMatchObject({
      text: NAMED,
      redactedText: REDACTED,
      status: 'cleared',
    });
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['action', 'details'])
      .where('action', '=', 'comment_redacted')
      .execute();
    // Two here, two in the small-group test above.
    expect(audit).toHaveLength(4);
    expect(JSON.stringify(audit)).not.toMatch(/Tuấn|che tên|máy tính/);
  });
});
