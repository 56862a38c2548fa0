import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtInProvinceDefinition } from '../../../questionnaires';
import { provinceUnitSet } from '../../../questionnaires/official';
import { createCampaign } from '../../../server/campaigns/service';
import { runCli } from '../../../server/cli';
import { openDb } from '../../../server/db/connect';
import { SIPAS_DEMO_ID } from '../../../server/demo/sipas';
import { cliDatabaseUrl } from '../../db';
import { config, SECRET } from '../helpers';
import { type Ctx, plant } from './analysis-helpers';

/** `npm run cli -- sipas days|run|runs|lock|link|unlink` through the CLI's entry (docs/method.md §19). */

let dir: string;
let env: NodeJS.ProcessEnv;
let out: string[];
let err: string[];
let stdout: string[];
/** The demo's points by position: the province's centre, Phường Trấn Biên, Xã Tân Khai. */
let codes: string[];

const sipas = (...args: string[]) => runCli(['sipas', ...args], env);
const campaign = ['--campaign', SIPAS_DEMO_ID];
const lastLine = () => out[out.length - 1] ?? '';
const printed = () => out.join('\n');

async function withDb<T>(f: (db: Ctx['db']) => Promise<T>): Promise<T> {
  const db = openDb(env.DATABASE_URL as string);
  try {
    return await f(db);
  } finally {
    await db.destroy();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cchc-sipas-cli-'));
  env = {
    DATABASE_URL: await cliDatabaseUrl(dir),
    APP_SECRET: SECRET,
    PUBLIC_URL: config.publicUrl,
  };
  out = [];
  err = [];
  stdout = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  expect(await runCli(['demo', '--sipas'], env)).toBe(0);
  // 2026-03-02 is a Monday: the centre gets a burst of 30 forms all «Rất hài lòng» (flagged
  // «Dồn dập» and «100% hài lòng»); on Tuesday 10 clean forms, 6 satisfied, 2 of them with a
  // one-time code; Phường Trấn Biên 3 forms, under k = 5.
  codes = await withDb(async (db) => {
    const points = await db
      .selectFrom('collectionPoint')
      .select(['id', 'code'])
      .where('campaignId', '=', SIPAS_DEMO_ID)
      .orderBy('position')
      .execute();
    const [centre, tranBien] = points.map((p) => p.id);
    const ctx = { db } as Ctx;
    await plant(ctx, SIPAS_DEMO_ID, centre as string, '2026-03-02T09:20', 30, '5');
    await plant(ctx, SIPAS_DEMO_ID, centre as string, '2026-03-03T10:00', 4, '4');
    await plant(ctx, SIPAS_DEMO_ID, centre as string, '2026-03-03T10:00', 2, '4', 'code');
    await plant(ctx, SIPAS_DEMO_ID, centre as string, '2026-03-03T10:30', 4, '2');
    await plant(ctx, SIPAS_DEMO_ID, tranBien as string, '2026-03-03T14:10', 3, '1');
    return points.map((p) => p.code);
  });
  out = [];
});
afterEach(() => vi.restoreAllMocks());

const row = (text: string, starts: string) =>
  text.split('\n').find((l) => l.startsWith(starts)) ?? '';

describe('npm run cli -- sipas days', () => {
  it('prints the point × day table with its flags; small days and, while open, satisfaction withheld', async () => {
    expect(await sipas('days', ...campaign)).toBe(0);
    const table = printed();
    expect(out[0]).toBe(
      // As the console says it (qa8: «3 ngày có phiếu tại 3 điểm» counted rows and every point).
      '2 ngày có phiếu, tại 2 trong 3 điểm: 3 dòng (điểm × ngày); 1 dòng có dấu hiệu bất thường. Ngày dưới 5 phiếu không hiện số liệu. Tỷ lệ hài lòng chỉ hiện sau khi đóng đợt.',
    );
    expect(table).toContain('Điểm thu thập');
    expect(table).toContain('Từ mã dùng một lần');
    const burst = row(out[1] ?? '', 'Trung tâm Phục vụ hành chính công tỉnh Đồng Nai');
    expect(burst).toMatch(
      /02\/03\/2026\s+30\s+—\s+0,00%\s+0\s+Dồn dập, 100% hài lòng \(trực tuyến\)$/,
    );
    expect(table).toMatch(/03\/03\/2026\s+10\s+—\s+20,00%\s+0\s+—/);
    expect(table).toMatch(/Trấn Biên.*03\/03\/2026\s+dưới 5 phiếu\s+—$/m);
    expect(table).toContain(codes[0] as string);

    out = [];
    expect(await sipas('days', ...campaign, '--flagged')).toBe(0);
    expect(printed()).toContain('02/03/2026');
    expect(printed()).not.toContain('03/03/2026');

    out = [];
    expect(await sipas('days', ...campaign, '--format', 'csv')).toBe(0);
    const csv = stdout.join('');
    expect(csv.startsWith('\uFEFFĐiểm thu thập,Mã điểm,Đơn vị,Ngày,Số phiếu,Hài lòng')).toBe(true);
    expect(csv).toContain('dưới 5 phiếu');
  });

  it('shows the share satisfied once the campaign is closed', async () => {
    expect(await runCli(['campaign', 'close', ...campaign], env)).toBe(0);
    out = [];
    expect(await sipas('days', ...campaign)).toBe(0);
    expect(out[0]).not.toContain('chỉ hiện sau khi đóng đợt');
    expect(printed()).toMatch(/02\/03\/2026\s+30\s+100,00%\s+0,00%/);
    expect(printed()).toMatch(/03\/03\/2026\s+10\s+60,00%\s+20,00%/);
  });
});

describe('npm run cli -- sipas run|runs|lock|link', () => {
  it('refuses a run while the campaign is open, and stores nothing', async () => {
    expect(await sipas('run', ...campaign)).toBe(1);
    expect(err.join('\n')).toMatch(/^Lỗi: Đợt khảo sát chưa kết thúc/);
    expect(await withDb((db) => db.selectFrom('sipasRun').selectAll().execute())).toEqual([]);
  });

  it('runs, lists, locks and links through the server’s own functions, run id last', async () => {
    expect(await runCli(['demo'], env)).toBe(0); // the PAR campaign demo-2023 to link into
    expect(await runCli(['campaign', 'close', ...campaign], env)).toBe(0);
    out = [];
    expect(await sipas('run', ...campaign)).toBe(0);
    const official = lastLine();
    expect(official).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(out[0]).toMatch(
      /^Lần tính chính thức theo bộ câu hỏi sipas-2026 \(phiên bản 1\), 43 phiếu/,
    );
    // 30 + 6 satisfied of 40 at the centre, its channels merged (2 with a code, under k);
    // Trấn Biên's 3 forms are withheld, as is Tân Khai without any.
    expect(printed()).toMatch(
      /Trung tâm Phục vụ hành chính công tỉnh\s+40\s+gộp\s+gộp\s+gộp\s+90,00%/,
    );
    expect(printed()).toMatch(/Trấn Biên\s+dưới 5 phiếu/);
    expect(err.join('\n')).toContain(`sipas lock --campaign ${SIPAS_DEMO_ID} --run ${official}`);

    out = [];
    expect(await sipas('run', ...campaign, '--without-flagged', '--trial')).toBe(0);
    const trial = lastLine();
    expect(out[0]).toContain('Lần tính thử nghiệm');
    expect(out[0]).toContain('Đã bỏ 1 ngày (gồm mọi ngày có dấu hiệu bất thường)');
    expect(printed()).toMatch(
      /Trung tâm Phục vụ hành chính công tỉnh\s+10\s+gộp\s+gộp\s+gộp\s+60,00%/,
    );

    out = [];
    expect(await sipas('run', ...campaign, '--exclude-day', `${codes[0]}:2026-03-03`)).toBe(0);
    expect(out[0]).toContain('Đã bỏ 1 ngày (do người phân tích chọn)');
    expect(out[0]).toContain('03/03/2026 (không có dấu hiệu, bỏ theo lựa chọn)');

    err = [];
    expect(await sipas('run', ...campaign, '--exclude-day', 'KHONGCO:2026-03-03')).toBe(1);
    expect(err.join('\n')).toBe(
      'Lỗi: Không có điểm thu thập mã "KHONGCO" trong đợt (xem cột «Mã điểm» của sipas days).',
    );
    err = [];
    expect(await sipas('run', ...campaign, '--exclude-day', '03/03/2026')).toBe(1);
    expect(err.join('\n')).toContain('phải có dạng <mã điểm>:<YYYY-MM-DD>');

    const rows = await withDb((db) =>
      db.selectFrom('sipasRun').select(['id', 'createdBy', 'official']).execute(),
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.createdBy === null)).toBe(true);
    const audits = await withDb((db) =>
      db
        .selectFrom('auditLog')
        .select('details')
        .where('action', '=', 'sipas_run_created')
        .execute(),
    );
    expect(audits.map((a) => JSON.parse(a.details ?? '{}').via)).toEqual(['cli', 'cli', 'cli']);

    out = [];
    expect(await sipas('runs', ...campaign)).toBe(0);
    expect(printed()).toContain(official);
    // A trial can never be locked: it does not say «chưa khóa» (qa7).
    expect(printed()).toMatch(
      /\d\d\/\d\d\/\d{4} \d\d:\d\d\s+thử nghiệm\s+13\s+1\s+chỉ để xem \(không khóa được\)/,
    );
    expect(printed()).toMatch(/chính thức\s+43\s+0\s+chưa khóa/);

    err = [];
    expect(await sipas('lock', ...campaign, '--run', trial)).toBe(1);
    expect(err.join('\n')).toContain('Lần tính thử nghiệm chỉ để xem');
    out = [];
    expect(await sipas('lock', ...campaign, '--run', official)).toBe(0);
    expect(printed()).toBe(`Đã khóa lần tính SIPAS ${official} để công bố.`);

    err = [];
    const link = ['link', '--campaign', 'demo-2023', '--run', official, '--field', 'LV8'];
    expect(await sipas(...link, '--max', '90')).toBe(1);
    expect(err.join('\n')).toBe(
      'Lỗi: Điểm tối đa của lĩnh vực LV8 phải lớn hơn 0 và không quá 70 (điểm tối đa phần tự đánh giá của chỉ số có lĩnh vực này).',
    );
    // The Hớn Quản 2023 campaign has none of the Đồng Nai units the run scored: refused.
    err = [];
    expect(await sipas(...link, '--max', '2,5')).toBe(1);
    expect(err.join('\n')).toBe(
      'Lỗi: Không đơn vị nào có kết quả trong lần tính SIPAS này thuộc đợt «Khảo sát xã hội học Chỉ số CCHC năm 2023 (bản dùng thử)» (mã đơn vị phải trùng): hãy chọn đợt Chỉ số CCHC của cùng các đơn vị.',
    );
    // A PAR campaign of the same province's units takes it.
    await withDb((db) =>
      createCampaign(db, {
        id: 'par-dong-nai-2026',
        name: 'Chỉ số CCHC 2026 — Đồng Nai',
        definition: builtInProvinceDefinition(),
        unitSet: provinceUnitSet('75'),
        opensAt: '2026-01-05T00:00:00Z',
      }),
    );
    out = [];
    const onProvince = ['link', '--campaign', 'par-dong-nai-2026', '--run', official, '--field'];
    expect(await sipas(...onProvince, 'LV8', '--max', '2,5')).toBe(0);
    expect(printed()).toContain(
      `Lĩnh vực LV8 của đợt par-dong-nai-2026 lấy điểm từ lần tính SIPAS ${official}`,
    );
    expect(
      await withDb((db) => db.selectFrom('sipasLink').selectAll().executeTakeFirst()),
    ).toMatchObject({
      parCampaignId: 'par-dong-nai-2026',
      fieldCode: 'LV8',
      maxPoints: '2.5',
      sipasRunId: official,
      linkedBy: null,
    });

    // Undone from the command line too, through the same unlinkSipas (audited via cli).
    out = [];
    const unlink = ['unlink', '--campaign', 'par-dong-nai-2026', '--field'];
    expect(await sipas(...unlink, 'LV8')).toBe(0);
    expect(printed()).toBe(
      'Lĩnh vực LV8 của đợt par-dong-nai-2026 không còn lấy điểm từ SIPAS: lại lấy điểm tự đánh giá. Hãy chạy lại lần tính Chỉ số CCHC tổng.',
    );
    expect(await withDb((db) => db.selectFrom('sipasLink').selectAll().execute())).toEqual([]);
    const unlinked = await withDb((db) =>
      db.selectFrom('auditLog').select('details').where('action', '=', 'sipas_unlinked').execute(),
    );
    expect(unlinked.map((a) => JSON.parse(a.details ?? '{}').via)).toEqual(['cli']);
    err = [];
    expect(await sipas(...unlink, 'LV8')).toBe(1);
    expect(err.join('\n')).toBe('Lỗi: Lĩnh vực này không lấy điểm từ SIPAS.');
    err = [];
    expect(await sipas('unlink', '--campaign', 'par-dong-nai-2026')).toBe(1);
    expect(err.join('\n')).toMatch(/^Lỗi: thiếu --field <mã lĩnh vực>/);
    err = [];
    expect(await sipas('unlink', ...campaign, '--field', 'LV8')).toBe(1);
    expect(err.join('\n')).toBe(
      'Lỗi: Đợt khảo sát này là khảo sát sự hài lòng (SIPAS), không có chức năng này.',
    );
  });

  it('refuses a wrong campaign, a missing or unknown word, with Vietnamese words', async () => {
    expect(await runCli(['demo'], env)).toBe(0);
    err = [];
    expect(await sipas('days', '--campaign', 'demo-2023')).toBe(1);
    expect(err.join('\n')).toMatch(/^Lỗi: .*SIPAS/);
    err = [];
    expect(await sipas('days', '--campaign', 'khong-co')).toBe(1);
    expect(err.join('\n')).toBe('Lỗi: Không tìm thấy đợt khảo sát "khong-co".');
    err = [];
    expect(await sipas('run')).toBe(1);
    expect(err.join('\n')).toMatch(/^Lỗi: thiếu --campaign <id>/);
    err = [];
    expect(await sipas('lock', ...campaign)).toBe(1);
    expect(err.join('\n')).toMatch(/^Lỗi: thiếu --run <id>/);
    err = [];
    expect(await sipas('run', ...campaign, '--official')).toBe(1);
    expect(err.join('\n')).toContain('không có tùy chọn "--official"');
    err = [];
    expect(await sipas('compute', ...campaign)).toBe(1);
    expect(err.join('\n')).toContain('Dùng: sipas days');
    err = [];
    expect(await sipas('link', '--campaign', 'demo-2023', '--field', 'LV8')).toBe(1);
    expect(err.join('\n')).toMatch(/^Lỗi: cần --run <id>, --field <mã lĩnh vực> và --max <điểm>/);
  });
});
