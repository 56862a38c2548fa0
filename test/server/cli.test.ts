import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { campaignPhase } from '../../server/campaigns/phase';
import { findCampaign } from '../../server/campaigns/queries';
import { runCli } from '../../server/cli';
import { openDb } from '../../server/db/connect';
import { cliDatabaseUrl } from '../db';
import { captureConsole } from './console-capture';
import { SECRET } from './helpers';

let dir: string;
let env: NodeJS.ProcessEnv;
const { out, err } = captureConsole();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cchc-cli-'));
  env = {
    DATABASE_URL: await cliDatabaseUrl(dir),
    APP_SECRET: SECRET,
    PUBLIC_URL: 'https://khaosat.example.vn',
  };
});

describe('npm run cli -- demo', () => {
  it('creates the demo campaign once and prints its id as the last line', async () => {
    expect(await runCli(['demo'], env)).toBe(0);
    expect(out.at(-1)).toBe('demo-2023');
    out.length = 0;
    expect(await runCli(['demo'], env)).toBe(0);
    expect(out[0]).toMatch(/đã có sẵn/);
    expect(out.at(-1)).toBe('demo-2023');
  });

  it('closes the demos at 17:00 Vietnam time, as an office sets a deadline (qa8)', async () => {
    expect(await runCli(['demo'], env)).toBe(0);
    expect(await runCli(['demo', '--sipas'], env)).toBe(0);
    const db = openDb(env.DATABASE_URL ?? '');
    try {
      const rows = await db.selectFrom('campaign').select(['id', 'closesAt']).execute();
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.closesAt, r.id).toMatch(/T10:00:00\.000Z$/);
    } finally {
      await db.destroy();
    }
  });
});

describe('npm run cli -- demo --province', () => {
  it('creates the 2026 Đồng Nai demo with its roster and prints its id as the last line', async () => {
    expect(await runCli(['demo', '--province'], env)).toBe(0);
    expect(out.at(-1)).toBe('demo-dong-nai-2026');
    const db = openDb(env.DATABASE_URL ?? '');
    try {
      const campaign = await findCampaign(db, 'demo-dong-nai-2026');
      expect(campaign?.name).toBe(
        'Khảo sát xã hội học Chỉ số CCHC năm 2026 — tỉnh Đồng Nai (bản dùng thử)',
      );
      // A deadline as an office sets one: 17:00, Vietnam time (qa8: «01:37 ngày 05/02/2027»).
      expect(campaign?.closesAt).toMatch(/T10:00:00\.000Z$/);
      const byGroup = await db
        .selectFrom('respondent')
        .select(['groupCode', (eb) => eb.fn.countAll<number>().as('n')])
        .where('campaignId', '=', 'demo-dong-nai-2026')
        .groupBy('groupCode')
        .orderBy('groupCode')
        .execute();
      expect(byGroup.map((r) => [r.groupCode, Number(r.n)])).toEqual([
        ['DB_HDND_TINH', 90],
        ['LD_PHONG_SO', 500],
        ['LD_PHONG_XA', 1900],
        ['LD_SO', 60],
        ['LD_UBND_XA', 380],
      ]);
      const units = await db
        .selectFrom('unit')
        .select(['code', 'officialCode', 'area'])
        .where('unitSetId', '=', campaign?.unitSetId ?? '')
        .where('code', '=', '25345')
        .executeTakeFirst();
      expect(units).toEqual({
        code: '25345',
        officialCode: '25345',
        area: 'Huyện Hớn Quản (cũ)',
      });
    } finally {
      await db.destroy();
    }
    out.length = 0;
    expect(await runCli(['demo', '--province'], env)).toBe(0);
    expect(out[0]).toMatch(/đã có sẵn/);
    // The 2023 demo keeps working beside it.
    expect(await runCli(['demo'], env)).toBe(0);
    expect(out.at(-1)).toBe('demo-2023');
  });
});

describe('npm run cli -- demo --sipas', () => {
  it('creates a SIPAS campaign of Đồng Nai with three collection points on real units, id last', async () => {
    expect(await runCli(['demo', '--sipas'], env)).toBe(0);
    expect(out.at(-1)).toBe('demo-sipas-dong-nai-2026');
    expect(
      out.filter((l) => /: https:\/\/khaosat\.example\.vn\/p\/[2-9A-HJKMNP-Z]{6}$/.test(l)),
    ).toHaveLength(3);
    const db = openDb(env.DATABASE_URL ?? '');
    try {
      const campaign = await findCampaign(db, 'demo-sipas-dong-nai-2026');
      expect(campaign?.kind).toBe('sipas');
      expect(campaignPhase(campaign ?? { opensAt: null, closesAt: null })).toBe('open');
      const points = await db
        .selectFrom('collectionPoint')
        .innerJoin('unit', (j) =>
          j
            .onRef('unit.code', '=', 'collectionPoint.unitCode')
            .on('unit.unitSetId', '=', campaign?.unitSetId ?? ''),
        )
        .select(['collectionPoint.name', 'unit.name as unit'])
        .where('collectionPoint.campaignId', '=', 'demo-sipas-dong-nai-2026')
        .orderBy('collectionPoint.position')
        .execute();
      expect(points.map((p) => p.unit)).toEqual([
        'Trung tâm Phục vụ hành chính công tỉnh',
        'Phường Trấn Biên',
        'Xã Tân Khai',
      ]);
    } finally {
      await db.destroy();
    }
    out.length = 0;
    expect(await runCli(['demo', '--sipas'], env)).toBe(0);
    expect(out[0]).toMatch(/đã có sẵn/);
    expect(out.at(-1)).toBe('demo-sipas-dong-nai-2026');
  });
});

describe('npm run cli -- links', () => {
  it('warns when PUBLIC_URL was never set: the links would open nowhere but here', async () => {
    const { PUBLIC_URL: _, ...local } = env;
    await runCli(['demo'], local);
    expect(await runCli(['links', '--campaign', 'demo-2023', '--format', 'csv'], local)).toBe(0);
    expect(err.join('\n')).toMatch(
      /^Cảnh báo: Địa chỉ công khai của hệ thống đang là http:\/\/localhost:3000/m,
    );
    err.length = 0;
    expect(await runCli(['links', '--campaign', 'demo-2023', '--format', 'csv'], env)).toBe(0);
    expect(err).toEqual([]);
  });

  it('writes one CSV row per invitation, with a working link and a QR image each', async () => {
    await runCli(['demo'], env);
    const file = join(dir, 'links.csv');
    const qr = join(dir, 'qr');
    expect(
      await runCli(
        ['links', '--campaign', 'demo-2023', '--format', 'csv', '--out', file, '--qr', qr],
        env,
      ),
    ).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = text.slice(1).trim().split('\r\n');
    expect(header).toBe('id,name,group,group_code,unit,status,link,qr_file');
    expect(rows).toHaveLength(24);
    expect(
      rows.some((r) =>
        r.includes(
          'Võ Thanh Phúc,"Lãnh đạo UBND các xã, thị trấn",LD_UBND_XA,UBND xã Minh Đức,not_opened,https://khaosat.example.vn/s/',
        ),
      ),
    ).toBe(true);
    const files = readdirSync(qr);
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(24);
    expect(files.filter((f) => f.endsWith('.svg'))).toHaveLength(24);
    const png = readFileSync(join(qr, files.find((f) => f.endsWith('.png')) ?? ''));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('writes the same rows to .xlsx', async () => {
    await runCli(['demo'], env);
    const file = join(dir, 'links.xlsx');
    expect(
      await runCli(['links', '--campaign', 'demo-2023', '--format', 'xlsx', '--out', file], env),
    ).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    expect(sheet?.rowCount).toBe(25);
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      'id',
      'name',
      'group',
      'group_code',
      'unit',
      'status',
      'link',
    ]);
    expect(String(sheet?.getRow(2).getCell(7).value)).toMatch(
      /^https:\/\/khaosat\.example\.vn\/s\/[\w-]{27}$/,
    );
  });

  it('fails in Vietnamese, with a non-zero exit, for an unknown campaign or format', async () => {
    expect(await runCli(['links', '--campaign', 'khong-co', '--format', 'csv'], env)).toBe(1);
    expect(err.at(-1)).toBe('Lỗi: Không tìm thấy đợt khảo sát "khong-co".');
    await runCli(['demo'], env);
    expect(await runCli(['links', '--campaign', 'demo-2023', '--format', 'pdf'], env)).toBe(1);
    expect(err.at(-1)).toBe('Lỗi: --format phải là csv hoặc xlsx.');
    expect(await runCli(['nope'], env)).toBe(1);
    expect(err.at(-1)).toMatch(/^Lỗi: Lệnh không xác định: "nope"/);
  });
});

describe('npm run cli -- campaign open|close', () => {
  it('closes and reopens the campaign now', async () => {
    const phase = async () => {
      const db = openDb(env.DATABASE_URL ?? '');
      const campaign = await findCampaign(db, 'demo-2023');
      await db.destroy();
      return campaign && campaignPhase(campaign);
    };
    await runCli(['demo'], env);
    expect(await phase()).toBe('open');
    expect(await runCli(['campaign', 'close', '--campaign', 'demo-2023'], env)).toBe(0);
    expect(out.at(-1)).toBe('Đã đóng đợt khảo sát demo-2023.');
    expect(await phase()).toBe('closed');
    expect(await runCli(['campaign', 'open', '--campaign', 'demo-2023'], env)).toBe(0);
    expect(out.at(-1)).toBe('Đã mở đợt khảo sát demo-2023.');
    expect(await phase()).toBe('open');
    // Reopening lets before/after results be compared: audited from the CLI as from the console.
    const db = openDb(env.DATABASE_URL ?? '');
    const audit = await db
      .selectFrom('auditLog')
      .select(['action', 'campaignId', 'details'])
      .where('action', 'in', ['campaign_open', 'campaign_reopen', 'campaign_close'])
      .orderBy('at')
      .execute();
    await db.destroy();
    expect(audit).toEqual([
      { action: 'campaign_close', campaignId: 'demo-2023', details: '{"via":"cli"}' },
      { action: 'campaign_reopen', campaignId: 'demo-2023', details: '{"via":"cli"}' },
    ]);
  });

  it('reopens with a new end (--until, Vietnam time); one already past or unreadable changes nothing', async () => {
    const end = async () => {
      const db = openDb(env.DATABASE_URL ?? '');
      const campaign = await findCampaign(db, 'demo-2023');
      await db.destroy();
      return campaign && [campaignPhase(campaign), campaign.closesAt];
    };
    await runCli(['demo'], env);
    expect(await runCli(['campaign', 'close', '--campaign', 'demo-2023'], env)).toBe(0);
    const closed = await end();
    expect(
      await runCli(
        ['campaign', 'open', '--campaign', 'demo-2023', '--until', '2020-01-15 17:00'],
        env,
      ),
    ).toBe(1);
    expect(err.join('\n')).toContain('Thời điểm kết thúc phải sau lúc mở');
    expect(
      await runCli(['campaign', 'open', '--campaign', 'demo-2023', '--until', '15/01/2099'], env),
    ).toBe(1);
    expect(err.join('\n')).toContain('viết theo giờ Việt Nam, dạng "2027-01-15 17:00"');
    expect(await end()).toEqual(closed);
    expect(
      await runCli(
        ['campaign', 'open', '--campaign', 'demo-2023', '--until', '2099-01-15 17:00'],
        env,
      ),
    ).toBe(0);
    expect(out.at(-1)).toBe(
      'Đã mở đợt khảo sát demo-2023, kết thúc lúc 17 giờ 00 ngày 15/01/2099.',
    );
    expect(await end()).toEqual(['open', '2099-01-15T10:00:00.000Z']);
    expect(
      await runCli(
        ['campaign', 'close', '--campaign', 'demo-2023', '--until', '2099-01-15 17:00'],
        env,
      ),
    ).toBe(1);
  });
});
