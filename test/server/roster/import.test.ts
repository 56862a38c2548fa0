import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/connect';
import { ApiError } from '../../../server/errors';
import { importRoster } from '../../../server/roster/import';
import { failInserts } from '../../db';
import {
  CAMPAIGN,
  csvFile,
  fixture,
  HEADER,
  rosterDb,
  SECRET,
  sampleFile,
  snapshot,
} from './helpers';

let db: Db;
beforeEach(async () => {
  db = await rosterDb();
});

const byRow = <T extends { row: number }>(items: T[], row: number) =>
  items.filter((x) => x.row === row);

describe('the sample roster (test/fixtures/respondents-sample.csv)', () => {
  it('finds 156 valid people and 3 problem rows, each by its spreadsheet row', async () => {
    const r = await importRoster(db, SECRET, CAMPAIGN, sampleFile(), { dryRun: true });
    expect(r.summary).toEqual({
      total: 159,
      new: 156,
      updated: 0,
      unchanged: 0,
      confirm: 0,
      skipped: 0,
      invalid: 3,
      warnings: 12,
    });
    const errors = r.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.row, p.stt, p.code])).toEqual([
      [158, '157', 'duplicate_in_file'],
      [159, '158', 'unknown_unit'],
      [160, '159', 'missing_group'],
    ]);
    const [dup, unit, group] = errors;
    // STT 157 is STT 1 again: the later row points at the first one's row.
    expect(dup?.otherRow).toBe(2);
    expect(dup?.message).toMatch(/^Trùng người với dòng 2 \(STT 1\)/);
    expect(unit?.message).toContain('"Phòng Ngoại vụ"');
    expect(unit?.suggestions).toEqual(['Phòng Nội vụ']);
    expect(group?.message).toMatch(/^Thiếu nhóm đối tượng/);
    // STT 49 has neither phone nor e-mail: a warning, still imported.
    expect(byRow(r.problems, 50).map((p) => [p.code, p.severity])).toEqual([
      ['no_contact', 'warning'],
    ]);
    expect(byRow(r.rows, 50)[0]?.status).toBe('new');
  });

  it('normalises names, phones, groups and units as it reads them', async () => {
    const r = await importRoster(db, SECRET, CAMPAIGN, sampleFile(), { dryRun: true });
    const person = (row: number) => byRow(r.rows, row)[0]?.person;
    expect(person(2)).toEqual({
      name: 'Phan Hoàng Trung',
      groupCode: 'LD_CQCM_HUYEN', // " Lãnh đạo cơ quan chuyên môn  "
      unitCode: 'PTNMT',
      workplace: 'Phòng Tài nguyên và Môi trường',
      position: 'Phó Trưởng phòng',
      phone: '0992651967', // '0992651967
      email: null,
    });
    expect(person(3)).toMatchObject({ name: 'Dương Đình Sơn', phone: '0928869429' });
    expect(person(5)).toMatchObject({ name: 'Lâm Hữu Hiếu', phone: '0969882092', unitCode: null });
    expect(person(6)).toMatchObject({ phone: '0961859629', unitCode: 'X-THANHBINH' });
    expect(person(22)).toMatchObject({ unitCode: 'X-PHUOCAN', workplace: 'UBND xã Phước An' });
    expect(person(34)).toMatchObject({ name: 'Đặng Thị Xuân', position: 'Chuyên viên' });
    // A delegate's workplace is free text, kept even when it is no unit of the campaign.
    const delegate = r.rows.find((x) => x.values.unit === 'Ủy ban MTTQ Việt Nam huyện');
    expect(delegate?.status).toBe('new');
    expect(delegate?.person).toMatchObject({
      groupCode: 'HDND_HUYEN',
      unitCode: null,
      workplace: 'Ủy ban MTTQ Việt Nam huyện',
    });
  });

  it('changes nothing when a row is invalid (all or nothing)', async () => {
    const before = await snapshot(db);
    const r = await importRoster(db, SECRET, CAMPAIGN, sampleFile());
    expect(r.committed).toBe(false);
    expect(await snapshot(db)).toEqual(before);
    expect(before.respondents).toHaveLength(0);
  });

  it('imports the 156 valid rows with --skip-invalid, each with an invitation', async () => {
    const r = await importRoster(db, SECRET, CAMPAIGN, sampleFile(), { skipInvalid: true });
    expect(r.committed).toBe(true);
    const { respondents, invitations } = await snapshot(db);
    expect(respondents).toHaveLength(156);
    expect(invitations).toHaveLength(156);
    expect(new Set(invitations.map((i) => i.respondentId))).toEqual(
      new Set(respondents.map((x) => x.id)),
    );
    expect(
      invitations.every((i) => i.status === 'not_opened' && i.tokenHash && i.shortCodeHash),
    ).toBe(true);
    expect(respondents.map((x) => x.name)).not.toContain('Huỳnh Hoàng Việt'); // STT 159, no group
    expect(respondents.filter((x) => x.name === 'Phan Hoàng Trung')).toHaveLength(1);
    const audit = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'roster.import')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ new: 156, invalid: 3 });
  });

  it('is idempotent: the same file again changes nothing', async () => {
    await importRoster(db, SECRET, CAMPAIGN, sampleFile(), { skipInvalid: true });
    const before = await snapshot(db);
    const again = await importRoster(db, SECRET, CAMPAIGN, sampleFile(), { skipInvalid: true });
    expect(again.summary).toMatchObject({
      new: 0,
      updated: 0,
      unchanged: 156,
      invalid: 3,
      confirm: 0,
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('dry run writes nothing, not even the audit log', async () => {
    const before = await snapshot(db);
    const r = await importRoster(db, SECRET, CAMPAIGN, sampleFile(), {
      dryRun: true,
      skipInvalid: true,
    });
    expect(r.committed).toBe(false);
    expect(r.summary.new).toBe(156);
    expect(await snapshot(db)).toEqual(before);
    expect(await db.selectFrom('auditLog').selectAll().execute()).toHaveLength(0);
  });
});

describe("an office's own export (test/fixtures/roster-office-semicolon.csv)", () => {
  it('finds the header under the title lines and reads every way of writing groups and units', async () => {
    const file = { name: 'ds.csv', bytes: readFileSync(fixture('roster-office-semicolon.csv')) };
    const r = await importRoster(db, SECRET, CAMPAIGN, file, { dryRun: true });
    expect(r.headerRow).toBe(6);
    expect(r.columns.map((c) => [c.field, c.header, c.sure])).toEqual([
      ['stt', 'TT', true],
      ['name', 'Họ tên', true],
      ['position', 'Chức danh', true],
      ['unit', 'Cơ quan, đơn vị', true],
      ['group', 'Đối tượng', true],
      ['phone', 'SĐT', true],
    ]);
    expect(r.rows.map((x) => [x.row, x.status, x.person?.groupCode, x.person?.unitCode])).toEqual([
      [7, 'new', 'LD_CQCM_HUYEN', 'PNV'],
      [8, 'new', 'CC_CQCM_HUYEN', 'PTCKH'],
      [9, 'new', 'LD_UBND_XA', 'X-TANHUNG'],
      [10, 'new', 'LD_UBND_XA', 'TT-TANKHAI'],
      [11, 'new', 'HDND_HUYEN', null],
      [12, 'error', undefined, undefined],
    ]);
    expect(r.rows[0]?.person).toMatchObject({ name: 'Nguyễn Văn Bảy', phone: '0912111222' });
    expect(r.problems.map((p) => [p.row, p.code, p.suggestions])).toEqual([
      [8, 'phone_fixed', undefined],
      [12, 'unknown_unit', ['Phòng Kinh tế – Hạ tầng']],
    ]);
  });
});

describe('text is stored as text', () => {
  it('keeps quotes, markup and a 200-character workplace exactly', async () => {
    const longPlace = `Trường THCS ${'Nguyễn Huệ '.repeat(20)}`.trim().slice(0, 200);
    expect([...longPlace]).toHaveLength(200);
    const lines = [
      HEADER,
      `1,"Nguyễn Văn ""Tí"" <script>alert(1)</script>",Đại biểu,"${longPlace}",Đại biểu HĐND huyện,0912345678,,`,
      `2,O'Brien Lê,Chuyên viên,"${longPlace}",Công chức,0912345679,,`,
    ];
    const r = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines), { skipInvalid: true });
    expect(r.committed).toBe(true);
    const [stored] = (await snapshot(db)).respondents;
    expect(stored?.name).toBe('Nguyễn Văn "Tí" <script>alert(1)</script>');
    expect(stored?.workplace).toBe(longPlace);
    // A civil servant must work in one of the units: 200 characters of something else is not one.
    expect(r.problems.map((p) => [p.row, p.code])).toEqual([[3, 'unknown_unit']]);
  });
});

describe('columns', () => {
  it('wrong headers: names the missing columns, and a manual mapping fixes them', async () => {
    const lines = ['Cột 1,Cột 2,Cột 3,Cột 4', '1,Lê Văn An,Phòng Y tế,Công chức'];
    const err = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines)).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('roster_columns_missing');
    expect(err.message).toContain('"Họ và tên", "Đơn vị công tác", "Nhóm đối tượng"');
    expect(err.details.missing).toEqual(['name', 'unit', 'group']);
    expect(err.details.headers).toEqual(['Cột 1', 'Cột 2', 'Cột 3', 'Cột 4']);
    const r = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines), {
      mapping: { name: 'Cột 2', unit: 'Cột 3', group: 'Cột 4' },
    });
    expect(r.committed).toBe(true);
    expect(r.summary.new).toBe(1);
  });

  it('an unsure column stops the import until the mapping confirms it', async () => {
    const lines = [
      'Họ và tên người được khảo sát,Đơn vị công tác,Nhóm đối tượng',
      'Lê Văn An,Phòng Y tế,Công chức',
    ];
    const r = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines), { skipInvalid: true });
    expect(r.committed).toBe(false);
    expect(r.problems.map((p) => [p.row, p.code, p.field])).toEqual([
      [1, 'column_unsure', 'name'],
      [2, 'no_contact', undefined],
    ]);
    const ok = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines), {
      mapping: { name: 'Họ và tên người được khảo sát' },
    });
    expect(ok.committed).toBe(true);
  });
});

describe('the campaign', () => {
  it('must exist, and must not be closed to change its roster', async () => {
    const missing = await importRoster(db, SECRET, 'khong-co', sampleFile()).catch((e) => e);
    expect(missing.code).toBe('not_found');
    await db
      .updateTable('campaign')
      .set({ closesAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', CAMPAIGN)
      .execute();
    const closed = await importRoster(db, SECRET, CAMPAIGN, sampleFile(), {
      skipInvalid: true,
    }).catch((e) => e);
    expect(closed.code).toBe('campaign_closed');
    const preview = await importRoster(db, SECRET, CAMPAIGN, sampleFile(), { dryRun: true });
    expect(preview.summary.new).toBe(156);
  });
});

describe('the demo campaign already has 24 of these people, without phones', () => {
  it('asks to confirm the 23 name-only matches, then fills their phones keeping their links', async () => {
    const before = await snapshot(db, 'demo-2023');
    expect(before.respondents).toHaveLength(24);
    const preview = await importRoster(db, SECRET, 'demo-2023', sampleFile(), { dryRun: true });
    expect(preview.summary).toMatchObject({ new: 132, unchanged: 1, confirm: 23, invalid: 3 });
    // STT 14 has no phone or e-mail on either side: the same name, unit and group is enough.
    expect(byRow(preview.rows, 15)[0]).toMatchObject({ status: 'unchanged', matchedBy: 'name' });

    const confirm = preview.rows.filter((x) => x.status === 'confirm').map((x) => x.row);
    const r = await importRoster(db, SECRET, 'demo-2023', sampleFile(), {
      confirm,
      skipInvalid: true,
    });
    expect(r.summary).toMatchObject({ new: 132, updated: 23, unchanged: 1, confirm: 0 });
    const after = await snapshot(db, 'demo-2023');
    expect(after.respondents).toHaveLength(24 + 132);
    const kept = after.invitations.filter((i) => before.invitations.some((b) => b.id === i.id));
    expect(kept).toEqual(before.invitations);
    const hieu = after.respondents.find((x) => x.name === 'Lâm Hữu Hiếu');
    expect(hieu).toMatchObject({
      id: before.respondents.find((x) => x.name === 'Lâm Hữu Hiếu')?.id,
      phone: '0969882092',
      email: 'user20234@honquan.binhphuoc.gov.vn',
    });
  });
});

describe('one transaction', () => {
  it('a failure half-way through the writes leaves the roster as it was', async () => {
    const first = [HEADER, '1,Lê Văn An,Chuyên viên,Phòng Y tế,Công chức,0912345678,,'];
    await importRoster(db, SECRET, CAMPAIGN, csvFile(first));
    const before = await snapshot(db);
    await failInserts(db, 'respondent', "NEW.name = 'Lỗi Giữa Chừng'", 'boom');
    const lines = [
      HEADER,
      '1,Lê Văn An,Trưởng phòng,Phòng Y tế,Công chức,0912345678,,', // an update, written first
      ...Array.from(
        { length: 900 },
        (_, i) =>
          `${i + 2},Người ${i},Chuyên viên,Phòng Y tế,Công chức,09${String(i).padStart(8, '0')},,`,
      ),
      '902,Lỗi Giữa Chừng,Chuyên viên,Phòng Y tế,Công chức,0988888888,,', // in the third batch
    ];
    await expect(importRoster(db, SECRET, CAMPAIGN, csvFile(lines))).rejects.toThrow('boom');
    expect(await snapshot(db)).toEqual(before);
    expect(
      await db.selectFrom('auditLog').selectAll().where('action', '=', 'roster.import').execute(),
    ).toHaveLength(1);
  });
});
