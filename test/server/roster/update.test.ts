import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/connect';
import { ApiError } from '../../../server/errors';
import { importRoster } from '../../../server/roster/import';
import { CAMPAIGN, csvFile, HEADER, rosterDb, SECRET, snapshot } from './helpers';

let db: Db;
beforeEach(async () => {
  db = await rosterDb();
});

describe('re-importing an updated list', () => {
  const lines = [
    HEADER,
    '1,Phan Hoàng Trung,Phó Trưởng phòng,Phòng Tài nguyên và Môi trường,Lãnh đạo phòng,0992651967,,',
    '2,Ngô Hoàng Hải,Chuyên viên,Thanh tra huyện,Công chức,,hai@honquan.vn,',
    '3,Lê Bích Yến,Chuyên viên,Thanh tra huyện,Công chức,,,',
  ];
  const invitationOf = async (name: string) =>
    db
      .selectFrom('invitation as i')
      .innerJoin('respondent as r', 'r.id', 'i.respondentId')
      .select([
        'r.id as respondentId',
        'r.phone',
        'r.position',
        'i.id',
        'i.tokenHash',
        'i.tokenNonce',
      ])
      .where('r.name', '=', name)
      .where('r.campaignId', '=', CAMPAIGN)
      .executeTakeFirstOrThrow();

  beforeEach(async () => {
    const r = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines));
    expect(r.summary).toMatchObject({ new: 3, invalid: 0 });
  });

  it('updates people found by phone or e-mail in place: same respondent, same link', async () => {
    const trung = await invitationOf('Phan Hoàng Trung');
    const hai = await invitationOf('Ngô Hoàng Hải');
    const updated = [
      HEADER,
      '1,Phan Hoàng Trung,Trưởng phòng,Phòng Tài nguyên và Môi trường,Lãnh đạo phòng,0992.651.967,,',
      '2,Ngô Hoàng Hải,Chuyên viên,Thanh tra huyện,Công chức,0912 000 111,HAI@honquan.vn,',
      lines[3] as string,
    ];
    const r = await importRoster(db, SECRET, CAMPAIGN, csvFile(updated));
    expect(r.committed).toBe(true);
    expect(r.rows.map((x) => [x.row, x.status, x.matchedBy, x.changes])).toEqual([
      [2, 'update', 'phone', ['position']],
      [3, 'update', 'email', ['phone']],
      [4, 'unchanged', 'name', []],
    ]);
    expect(await invitationOf('Phan Hoàng Trung')).toEqual({ ...trung, position: 'Trưởng phòng' });
    expect(await invitationOf('Ngô Hoàng Hải')).toEqual({ ...hai, phone: '0912000111' });
    expect((await snapshot(db)).invitations).toHaveLength(3);
  });

  it('a changed phone matches on name alone: it waits for confirmation, then keeps the invitation', async () => {
    const before = await snapshot(db);
    const trung = await invitationOf('Phan Hoàng Trung');
    const changed = [
      HEADER,
      '1,Phan Hoàng Trung,Phó Trưởng phòng,Phòng TN&MT,Lãnh đạo phòng,0988 777 666,,',
    ];
    const waiting = await importRoster(db, SECRET, CAMPAIGN, csvFile(changed));
    expect(waiting.committed).toBe(false);
    expect(waiting.rows[0]?.status).toBe('confirm');
    expect(waiting.problems.map((p) => [p.row, p.code])).toEqual([[2, 'name_match']]);
    expect(waiting.problems[0]?.message).toContain(
      'số điện thoại khác (danh sách: 0992651967, tệp: 0988777666)',
    );
    expect(await snapshot(db)).toEqual(before);

    const done = await importRoster(db, SECRET, CAMPAIGN, csvFile(changed), {
      confirm: [2],
      fileHash: waiting.fileHash,
    });
    expect(done.committed).toBe(true);
    expect(done.rows[0]).toMatchObject({
      status: 'update',
      changes: ['phone'],
      respondentId: trung.respondentId,
    });
    const after = await invitationOf('Phan Hoàng Trung');
    expect(after).toEqual({ ...trung, phone: '0988777666' });
    expect((await snapshot(db)).invitations).toHaveLength(3);
  });

  it('"different person" adds a namesake instead', async () => {
    const namesake = [
      HEADER,
      '9,Phan Hoàng Trung,Chuyên viên,Phòng Tài nguyên và Môi trường,Lãnh đạo phòng,0988 777 666,,',
    ];
    const r = await importRoster(db, SECRET, CAMPAIGN, csvFile(namesake), { distinct: [2] });
    expect(r.rows[0]?.status).toBe('new');
    expect(
      (await snapshot(db)).respondents.filter((x) => x.name === 'Phan Hoàng Trung'),
    ).toHaveLength(2);
  });

  it('refuses a confirmation made on another file', async () => {
    const err = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines), {
      confirm: [2],
      fileHash: 'x',
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('roster_file_changed');
  });

  it('moving a person to another group needs confirmation, and is refused once they submitted', async () => {
    const moved = [
      HEADER,
      '1,Phan Hoàng Trung,Chuyên viên,Phòng Tài nguyên và Môi trường,Công chức,0992651967,,',
    ];
    const r = await importRoster(db, SECRET, CAMPAIGN, csvFile(moved), { dryRun: true });
    expect(r.problems.map((p) => [p.row, p.code, p.severity])).toEqual([
      [2, 'group_change', 'confirm'],
    ]);
    const ok = await importRoster(db, SECRET, CAMPAIGN, csvFile(moved), {
      dryRun: true,
      confirm: [2],
    });
    expect(ok.rows[0]).toMatchObject({ status: 'update', changes: ['groupCode', 'position'] });

    const { id } = await invitationOf('Phan Hoàng Trung');
    await db.updateTable('invitation').set({ status: 'submitted' }).where('id', '=', id).execute();
    const late = await importRoster(db, SECRET, CAMPAIGN, csvFile(moved), { confirm: [2] });
    expect(late.committed).toBe(false);
    expect(late.problems.map((p) => [p.row, p.code])).toEqual([[2, 'already_submitted']]);
  });

  it('never erases a known phone with a blank cell', async () => {
    const blank = [
      HEADER,
      '1,Phan Hoàng Trung,Phó Trưởng phòng,Phòng Tài nguyên và Môi trường,Lãnh đạo phòng,,,',
    ];
    const r = await importRoster(db, SECRET, CAMPAIGN, csvFile(blank), { confirm: [2] });
    expect(r.rows[0]).toMatchObject({ status: 'unchanged', person: { phone: '0992651967' } });
  });
});

describe('duplicates and conflicts inside one file', () => {
  it('one person listed in two groups is flagged on both rows until the officer keeps one', async () => {
    const lines = [
      HEADER,
      '1,Lê Văn An,Chuyên viên,Phòng Y tế,Công chức,0912345678,,',
      '2,Lê Văn An,Đại biểu HĐND huyện,Phòng Y tế,Đại biểu HĐND huyện,0912.345.678,,',
      '3,Trần Thị Bình,Chuyên viên,Phòng Y tế,Công chức,0912345679,,',
    ];
    const r = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines));
    expect(r.committed).toBe(false);
    expect(r.rows.map((x) => x.status)).toEqual(['confirm', 'confirm', 'new']);
    expect(r.problems.map((p) => [p.row, p.code, p.otherRow])).toEqual([
      [2, 'group_conflict', 3],
      [3, 'group_conflict', 2],
    ]);
    const kept = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines), { confirm: [3] });
    expect(kept.committed).toBe(true);
    expect(kept.rows.map((x) => x.status)).toEqual(['skipped', 'new', 'new']);
    const people = (await snapshot(db)).respondents;
    expect(people.map((x) => [x.name, x.groupCode]).sort()).toEqual([
      ['Lê Văn An', 'HDND_HUYEN'],
      ['Trần Thị Bình', 'CC_CQCM_HUYEN'],
    ]);
  });

  it('the same phone twice in one group is a duplicate of the first row', async () => {
    const lines = [
      HEADER,
      '1,Lê Văn An,Chuyên viên,Phòng Y tế,Công chức,0912345678,,',
      '2,Lê Văn Ân,Chuyên viên,Phòng Y tế,Công chức,+84912345678,,',
    ];
    const r = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines), { dryRun: true });
    expect(r.problems.map((p) => [p.row, p.code, p.otherRow])).toEqual([
      [3, 'duplicate_in_file', 2],
    ]);
  });

  it('two namesakes in one unit and group are one person unless the officer says otherwise', async () => {
    const lines = [
      HEADER,
      '1,Nguyễn Thị Phương,Chuyên viên,Phòng Tư pháp,Công chức,0912345678,,',
      '2,NGUYỄN THỊ PHƯƠNG,Chuyên viên,Phòng Tư pháp,Công chức,0987654321,,',
    ];
    const dup = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines), { dryRun: true });
    expect(dup.problems.map((p) => [p.row, p.code])).toEqual([[3, 'duplicate_in_file']]);
    const two = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines), { distinct: [3] });
    expect(two.summary).toMatchObject({ new: 2, invalid: 0 });
  });

  it('a shared office mailbox does not make two people with different phones one', async () => {
    const lines = [
      HEADER,
      '1,Lê Văn An,Chuyên viên,Phòng Y tế,Công chức,0912345678,yte@honquan.vn,',
      '2,Trần Thị Bình,Chuyên viên,Phòng Y tế,Công chức,0912345679,yte@honquan.vn,',
    ];
    const r = await importRoster(db, SECRET, CAMPAIGN, csvFile(lines));
    expect(r.summary).toMatchObject({ new: 2, invalid: 0 });
  });
});
