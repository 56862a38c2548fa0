import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/connect';
import { rosterCommand } from '../../../server/roster/cli';
import { captureConsole } from '../console-capture';
import { CAMPAIGN, fixture, HEADER, rosterDb, SECRET, snapshot } from './helpers';

let db: Db;
const { out, err } = captureConsole();
let dir: string;
const config = { secret: SECRET };
const sample = fixture('respondents-sample.csv');

beforeEach(async () => {
  db = await rosterDb();
  dir = mkdtempSync(join(tmpdir(), 'cchc-roster-'));
});

const run = (...args: string[]) => rosterCommand(db, config, ['import', ...args]);

describe('roster import --campaign <id> FILE', () => {
  it('prints every problem with its row number, exits non-zero and changes nothing', async () => {
    expect(await run('--campaign', CAMPAIGN, sample)).toBe(1);
    expect(out).toContain(
      '  Dòng 158 (STT 157): Trùng người với dòng 2 (STT 1) (cùng họ tên, đơn vị và nhóm): dòng này không được nhập. Nếu là hai người khác nhau, hãy xác nhận "khác người".',
    );
    expect(
      out.some((l) => l.startsWith('  Dòng 159 (STT 158): Đơn vị công tác "Phòng Ngoại vụ"')),
    ).toBe(true);
    expect(out.some((l) => l.startsWith('  Dòng 160 (STT 159): Thiếu nhóm đối tượng'))).toBe(true);
    expect(
      out.some((l) => l.startsWith('  Dòng 50 (STT 49): Không có số điện thoại và email')),
    ).toBe(true);
    expect(out.at(-1)).toMatch(/^Không nhập gì/);
    expect((await snapshot(db)).respondents).toHaveLength(0);
  });

  it('--skip-invalid imports the valid rows, lists the rest and exits 0', async () => {
    expect(await run('--campaign', CAMPAIGN, sample, '--skip-invalid')).toBe(0);
    expect(out).toContain('Đã nhập: 156 người mới, 0 người cập nhật.');
    expect(out).toContain('Chưa nhập 3 dòng (xem các vấn đề ở trên).');
    expect((await snapshot(db)).respondents).toHaveLength(156);
    out.length = 0;
    expect(await run('--campaign', CAMPAIGN, sample, '--skip-invalid')).toBe(0);
    expect(out).toContain('  không đổi: 156');
    expect((await snapshot(db)).respondents).toHaveLength(156);
  });

  it('--dry-run writes nothing and exits as the real import would', async () => {
    expect(await run('--campaign', CAMPAIGN, sample, '--dry-run')).toBe(1);
    expect(await run('--campaign', CAMPAIGN, '--dry-run', '--skip-invalid', sample)).toBe(0);
    expect(out.at(-1)).toBe('Chạy thử (--dry-run): chưa ghi gì. Khi nhập thật sẽ ghi 156 người.');
    expect((await snapshot(db)).respondents).toHaveLength(0);
  });

  it('--confirm and --map carry the officer decisions of the preview', async () => {
    const file = join(dir, 'ds.csv');
    writeFileSync(
      file,
      [
        'Họ tên đầy đủ,Đơn vị công tác,Nhóm đối tượng,Số điện thoại',
        'Lê Văn An,Phòng Y tế,Công chức,0912345678',
        'Lê Văn An,Phòng Y tế,Đại biểu HĐND huyện,0912345678',
      ].join('\n'),
    );
    expect(await run('--campaign', CAMPAIGN, file)).toBe(1);
    expect(out.some((l) => l.includes('Cột "Họ tên đầy đủ" được hiểu là "Họ và tên"'))).toBe(true);
    expect(await run('--campaign', CAMPAIGN, file, '--map', 'name=Họ tên đầy đủ')).toBe(1);
    expect(
      await run('--campaign', CAMPAIGN, file, '--map', 'name=Họ tên đầy đủ', '--confirm', '3'),
    ).toBe(0);
    const people = (await snapshot(db)).respondents;
    expect(people.map((p) => p.groupCode)).toEqual(['HDND_HUYEN']);
  });

  it('--choose picks the unit or group of a row, as the preview’s lists do', async () => {
    const choices = ['--choose', '159:unit=Phòng Y tế', '--choose', '160:group=Công chức'];
    expect(await run('--campaign', CAMPAIGN, sample, '--distinct', '158', ...choices)).toBe(0);
    expect(out).toContain('Đã nhập: 159 người mới, 0 người cập nhật.');
    const people = (await snapshot(db)).respondents;
    expect(people).toHaveLength(159);
    expect(people.filter((p) => p.groupCode === 'CC_CQCM_HUYEN').length).toBeGreaterThan(0);
  });

  it('reads .xlsx too', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    book
      .addWorksheet('DS')
      .addRows([
        HEADER.split(','),
        [1, 'Lê Văn An', 'Chuyên viên', 'Phòng Y tế', 'Công chức', '0912345678'],
      ]);
    const file = join(dir, 'ds.xlsx');
    await book.xlsx.writeFile(file);
    expect(await run('--campaign', CAMPAIGN, file)).toBe(0);
    expect((await snapshot(db)).respondents.map((p) => p.phone)).toEqual(['0912345678']);
  });

  it.each([
    [['--campaign', 'khong-co', sample], 'Lỗi: Không tìm thấy đợt khảo sát "khong-co".'],
    [[sample], 'Lỗi: thiếu --campaign <id>'],
    [['--campaign', CAMPAIGN, '/khong/co/tep.csv'], 'Lỗi: không đọc được tệp "/khong/co/tep.csv".'],
    [['--campaign', CAMPAIGN, sample, '--confirm', 'abc'], 'Lỗi: số dòng không hợp lệ: "abc"'],
    [
      ['--campaign', CAMPAIGN, sample, '--choose', '159:đơn vị=Phòng Y tế'],
      'Lỗi: --choose 159:đơn vị=Phòng Y tế: viết <dòng>:unit=<đơn vị> hoặc <dòng>:group=<nhóm>',
    ],
    [
      ['--campaign', CAMPAIGN, sample, '--bogus'],
      "Lỗi: tham số không hợp lệ (Unknown option '--bogus'",
    ],
  ])('reports a usage or file error and exits 1: %j', async (args, message) => {
    expect(await run(...args)).toBe(1);
    expect(err[0]).toContain(message);
  });

  it('wrong headers: names the missing columns (test/fixtures/roster-wrong-headers.csv)', async () => {
    expect(await run('--campaign', CAMPAIGN, fixture('roster-wrong-headers.csv'))).toBe(1);
    expect(err[0]).toBe(
      'Lỗi: Không tìm thấy cột "Họ và tên", "Đơn vị công tác", "Nhóm đối tượng" (dòng tiêu đề là dòng 1: Tên cán bộ | Nơi ở | Loại | Điện thoại). Hãy chọn cột tương ứng.',
    );
    const mapped = ['--map', 'name=Tên cán bộ', '--map', 'unit=Nơi ở', '--map', 'group=Loại'];
    expect(await run('--campaign', CAMPAIGN, fixture('roster-wrong-headers.csv'), ...mapped)).toBe(
      0,
    );
    expect((await snapshot(db)).respondents.map((p) => p.name)).toEqual(['Lê Văn An']);
  });

  it('an unknown sub-command is a usage error', async () => {
    expect(await rosterCommand(db, config, ['export'])).toBe(1);
    expect(err[0]).toMatch(/^Lỗi: dùng: roster import --campaign/);
  });
});
