import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../server/errors';
import { MAX_ROWS, readRoster, readSheet } from '../../../server/roster/read';
import { HEADER, sampleFile } from './helpers';

/** The ApiError a read throws (fails the test when none is thrown). */
async function readError(file: { name: string; bytes: Uint8Array }) {
  try {
    await readRoster(file);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

const text = (s: string, name = 'ds.csv') => ({ name, bytes: new TextEncoder().encode(s) });

describe('readRoster on CSV', () => {
  it('reads the sample roster: UTF-8 with BOM, 159 people, rows numbered as in Excel', async () => {
    const t = await readRoster(sampleFile());
    expect(t.format).toBe('csv');
    expect(t.headerRow).toBe(1);
    expect(t.headers[0]).toBe('STT'); // the BOM is not part of the first header
    expect(t.rows).toHaveLength(159);
    expect(t.rowNumbers[0]).toBe(2);
    expect(t.rowNumbers.at(-1)).toBe(160);
    expect(t.rows[156]?.[7]).toBe('trùng tên, đã có ở trên'); // a quoted cell with a comma
  });

  it.each([
    [';', 'semicolon'],
    ['\t', 'tab'],
    [',', 'comma'],
  ])('detects the %j delimiter (%s), with or without BOM', async (d) => {
    const lines = [
      ['STT', 'Họ và tên', 'Đơn vị công tác', 'Nhóm đối tượng'].join(d),
      ['1', 'Đỗ Thu Hoa', '"Phòng Tài chính, Kế hoạch"', 'Công chức'].join(d),
      ['2', 'Lê Văn An', 'Phòng Y tế', 'Công chức'].join(d),
    ];
    for (const bom of ['', '\uFEFF']) {
      const t = await readRoster(text(bom + lines.join('\n')));
      expect(t.headers).toEqual(['STT', 'Họ và tên', 'Đơn vị công tác', 'Nhóm đối tượng']);
      expect(t.rows[0]).toEqual(['1', 'Đỗ Thu Hoa', 'Phòng Tài chính, Kế hoạch', 'Công chức']);
    }
  });

  it('relaxes column counts and keeps row numbers across blank lines', async () => {
    const t = await readRoster(
      text(
        `${HEADER}\n1,Đỗ Thu Hoa,Chuyên viên\n\n,,,,,,,\n4,Lê Văn An,Chuyên viên,Phòng Y tế,Công chức,0912345678,,,extra`,
      ),
    );
    expect(t.rows).toHaveLength(2);
    expect(t.rowNumbers).toEqual([2, 5]);
    expect(t.rows[1]).toHaveLength(9);
  });

  it('reads UTF-16 text with its BOM (Excel "Unicode Text")', async () => {
    const body = `Họ và tên\tĐơn vị công tác\tNhóm đối tượng\r\nLê Văn An\tPhòng Y tế\tCông chức\r\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
    const t = await readRoster({ name: 'ds.txt', bytes });
    expect(t.rows[0]).toEqual(['Lê Văn An', 'Phòng Y tế', 'Công chức']);
  });

  it('finds the header below title lines', async () => {
    const t = await readRoster(
      text(
        `UBND HUYỆN HỚN QUẢN\nDANH SÁCH NGƯỜI ĐƯỢC KHẢO SÁT\n\n${HEADER}\n1,Đỗ Thu Hoa,,Phòng Y tế,Công chức`,
      ),
    );
    expect(t.headerRow).toBe(4);
    expect(t.rowNumbers).toEqual([5]);
  });
});

describe('broken files give a clear Vietnamese error with a stable code', () => {
  it.each([
    ['an empty file', text(''), 'roster_empty', 422],
    ['only blank lines and separators', text('\r\n,,,\r\n  ,\r\n\r\n'), 'roster_empty', 422],
    ['a header without people', text(`${HEADER}\r\n`), 'roster_no_data', 422],
    [
      'data without a header',
      text('1,Phan Hoàng Trung,Phòng Tư pháp,Công chức,0912345678'),
      'roster_no_header',
      422,
    ],
    ['an unsupported extension', text('x', 'ds.pdf'), 'roster_unsupported_type', 400],
    [
      'an Excel 97–2003 file',
      { name: 'ds.xls', bytes: Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]) },
      'roster_old_excel',
      400,
    ],
    [
      'a legacy-encoded CSV (TCVN3/Windows-1258 bytes)',
      { name: 'ds.csv', bytes: Uint8Array.from([0x48, 0xe7, 0x20, 0x76, 0xe0, 0x0a]) },
      'roster_bad_encoding',
      422,
    ],
    ['an unclosed quote', text(`${HEADER}\n1,"Đỗ Thu Hoa,Chuyên viên`), 'roster_bad_csv', 422],
  ])('%s', async (_label, file, code, status) => {
    const err = await readError(file);
    expect(err.code).toBe(code);
    expect(err.status).toBe(status);
    expect(err.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
  });

  it.each(['ds.csv', 'ds.xlsx', 'ds.txt'])(
    'binary garbage named %s is "not a spreadsheet"',
    async (name) => {
      // Fixed bytes with NULs and control characters, then random ones: never a readable sheet.
      const bytes = Buffer.concat([Buffer.from([0x00, 0x01, 0x02, 0x1b, 0x7f]), randomBytes(4096)]);
      const err = await readError({ name, bytes });
      expect(err.code).toBe('roster_not_spreadsheet');
      expect(err.status).toBe(422);
    },
  );

  it('a zip that is not a workbook is "not a spreadsheet"', async () => {
    const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(512)]);
    expect((await readError({ name: 'ds.xlsx', bytes })).code).toBe('roster_not_spreadsheet');
  });

  it(`more than ${MAX_ROWS.toLocaleString('en')} rows is refused`, async () => {
    // Full-width rows: csv-parse builds an error object for every ragged row, even relaxed.
    const lines = [HEADER, ...Array.from({ length: MAX_ROWS + 1 }, (_, i) => `${i + 1},A,,,,,,`)];
    const err = await readError(text(lines.join('\n')));
    expect(err.code).toBe('roster_too_many_rows');
    expect(err.status).toBe(413);
  });
});

describe('readRoster on .xlsx', () => {
  it('reads the first visible non-empty sheet, cells as the office sees them', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Trống');
    const hidden = book.addWorksheet('Ẩn', { state: 'hidden' });
    hidden.addRow(['Họ và tên', 'Đơn vị công tác', 'Nhóm đối tượng']);
    hidden.addRow(['Ẩn Danh', 'Phòng Y tế', 'Công chức']);
    const s = book.addWorksheet('Danh sách');
    s.addRow(['DANH SÁCH ĐẠI BIỂU']);
    s.mergeCells('A1:F1');
    s.addRow([]);
    s.addRow(['STT', 'Họ và tên', 'Đơn vị công tác', 'Nhóm đối tượng', 'Số điện thoại', 'Email']);
    s.addRow([
      1,
      { richText: [{ text: 'LÂM ' }, { text: 'HỮU HIẾU', font: { bold: true } }] },
      'UBND xã Tân Hưng',
      'ĐB HĐND huyện',
      '0969882092',
      { text: 'a@b.vn', hyperlink: 'mailto:a@b.vn' },
    ]);
    s.addRow([
      2,
      'Đỗ Thu Hoa',
      { formula: '"Phòng "&"Y tế"', result: 'Phòng Y tế' },
      'Công chức',
      912345678,
    ]);
    const r = s.addRow([3, 'Lê Văn An', 'Phòng Y tế', 'Công chức', 912345679]);
    r.getCell(5).numFmt = '0000000000';
    s.addRow([4, 'Ngày', new Date(Date.UTC(2023, 10, 20)), true, 84912345670]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());

    const t = await readRoster({ name: 'Danh sách.xlsx', bytes });
    expect(t.format).toBe('xlsx');
    expect(t.headerRow).toBe(3);
    expect(t.rowNumbers).toEqual([4, 5, 6, 7]);
    expect(t.rows[0]).toEqual([
      '1',
      'LÂM HỮU HIẾU',
      'UBND xã Tân Hưng',
      'ĐB HĐND huyện',
      '0969882092',
      'a@b.vn',
    ]);
    expect(t.rows[1]).toEqual(['2', 'Đỗ Thu Hoa', 'Phòng Y tế', 'Công chức', '912345678']);
    expect(t.rows[2]?.[4]).toBe('0912345679');
    expect(t.rows[3]).toEqual(['4', 'Ngày', '20/11/2023', 'TRUE', '84912345670']);
  });

  it('an .xlsx renamed .csv is still read as a workbook', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('A').addRows([
      ['Họ và tên', 'Đơn vị', 'Nhóm'],
      ['Lê Văn An', 'Phòng Y tế', 'Công chức'],
    ]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const sheet = await readSheet({ name: 'ds.csv', bytes });
    expect(sheet.format).toBe('xlsx');
  });

  it('a workbook without data is empty', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1');
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    expect((await readError({ name: 'ds.xlsx', bytes })).code).toBe('roster_empty');
  });
});
