import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { runCli } from '../../server/cli';
import { openDb } from '../../server/db/connect';
import { captureConsole } from './console-capture';
import { config, json, SECRET } from './helpers';

/** Issue #12: `npm run cli -- org add|list` and `user add --org`. */
let env: NodeJS.ProcessEnv;
const { out, err } = captureConsole();

beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-org-cli-'));
  env = { DATABASE_URL: join(dir, 'db.sqlite'), APP_SECRET: SECRET, PUBLIC_URL: config.publicUrl };
});

const last = () => out.at(-1) ?? '';

describe('npm run cli -- org', () => {
  it('makes a province and a commune under it, and an officer in the commune', async () => {
    expect(await runCli(['demo'], env)).toBe(0);
    expect(
      await runCli(
        ['org', 'add', '--name', 'Tỉnh Đồng Nai', '--kind', 'tỉnh', '--code', '75'],
        env,
      ),
    ).toBe(0);
    const province = last();
    expect(await runCli(['org', 'add', '--name', 'Xã Tân Hưng', '--parent', province], env)).toBe(
      0,
    );
    const commune = last();
    expect(err.join('\n')).toContain('Đã tạo tổ chức "Xã Tân Hưng" thuộc "Tỉnh Đồng Nai".');
    const user = ['user', 'add', '--email', 'canbo@tanhung.gov.vn', '--password'];
    expect(
      await runCli([...user, 'mật-khẩu-đủ-dài-1', '--role', 'officer', '--org', commune], env),
    ).toBe(0);
    expect(last()).toBe(
      'Đã tạo tài khoản canbo@tanhung.gov.vn (Cán bộ nội vụ, tổ chức "Xã Tân Hưng").',
    );

    out.length = 0;
    expect(await runCli(['org', 'list'], env)).toBe(0);
    expect(out).toEqual([
      'Toàn hệ thống\troot',
      `  Tỉnh Đồng Nai (tỉnh, mã 75)\t${province}`,
      `    Xã Tân Hưng\t${commune}`,
    ]);

    // The commune's officer signs in and does not see the root's demo campaign.
    const db = openDb(env.DATABASE_URL ?? '');
    try {
      const app = createApp({ db, config });
      const login = await app.request(
        '/api/auth/login',
        json({ email: 'canbo@tanhung.gov.vn', password: 'mật-khẩu-đủ-dài-1' }),
      );
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const list = await app.request('/api/campaigns', { headers: { Cookie: cookie } });
      expect(await list.json()).toEqual([]);
      const demo = await app.request('/api/campaigns/demo-2023', { headers: { Cookie: cookie } });
      expect(demo.status).toBe(404);
      const audit = await db
        .selectFrom('auditLog')
        .select(['action', 'organisationId'])
        .where('action', 'in', ['organisation_added', 'user_added'])
        .execute();
      expect(audit).toEqual([
        { action: 'organisation_added', organisationId: province },
        { action: 'organisation_added', organisationId: commune },
        { action: 'user_added', organisationId: commune },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('refuses an unknown parent or organisation, creating nothing', async () => {
    expect(await runCli(['org', 'add', '--name', 'Xã X', '--parent', 'khong-co'], env)).toBe(1);
    expect(err.join('\n')).toContain('Không có tổ chức mã "khong-co"');
    const user = ['user', 'add', '--email', 'a@b.vn', '--password', 'mật-khẩu-đủ-dài-1'];
    expect(await runCli([...user, '--role', 'officer', '--org', 'khong-co'], env)).toBe(1);
    expect(await runCli(['org', 'add'], env)).toBe(1);
    expect(await runCli(['org', 'add', '--name', 'X', '--bogus'], env)).toBe(1);
    const db = openDb(env.DATABASE_URL ?? '');
    try {
      expect(await db.selectFrom('organisation').select('id').execute()).toEqual([{ id: 'root' }]);
      expect(await db.selectFrom('user').select('id').execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('renames an organisation and moves an account and a campaign into it, audited', async () => {
    expect(await runCli(['demo'], env)).toBe(0);
    expect(await runCli(['org', 'add', '--name', 'Huyện Hớn Quản'], env)).toBe(0);
    const district = last();
    const user = ['user', 'add', '--email', 'canbo@honquan.gov.vn', '--password'];
    expect(await runCli([...user, 'mật-khẩu-đủ-dài-1', '--role', 'officer'], env)).toBe(0);

    expect(
      await runCli(['org', 'rename', '--org', district, '--name', ' Thị xã Hớn Quản '], env),
    ).toBe(0);
    expect(last()).toBe('Đã đổi tên tổ chức "Huyện Hớn Quản" thành "Thị xã Hớn Quản".');
    expect(
      await runCli(['org', 'move', '--org', district, '--email', 'CANBO@honquan.gov.vn'], env),
    ).toBe(0);
    expect(last()).toBe(
      'Đã chuyển tài khoản canbo@honquan.gov.vn từ "Toàn hệ thống" sang "Thị xã Hớn Quản".',
    );
    expect(await runCli(['org', 'move', '--org', district, '--campaign', 'demo-2023'], env)).toBe(
      0,
    );
    expect(last()).toBe(
      'Đã chuyển đợt khảo sát demo-2023 từ "Toàn hệ thống" sang "Thị xã Hớn Quản".',
    );

    // Refused, nothing changed: an unknown organisation, account or campaign, both or neither.
    const refusals: [string[], string][] = [
      [['org', 'rename', '--org', 'khong-co', '--name', 'X'], 'Không có tổ chức mã "khong-co"'],
      [['org', 'rename', '--org', district], 'cần --name <tên mới>'],
      [['org', 'move', '--email', 'canbo@honquan.gov.vn'], 'cần --org <mã tổ chức>'],
      [
        ['org', 'move', '--org', 'root', '--email', 'khong@co.vn'],
        'Không có tài khoản khong@co.vn',
      ],
      [
        ['org', 'move', '--org', 'root', '--campaign', 'khong-co'],
        'Không tìm thấy đợt khảo sát "khong-co"',
      ],
      [['org', 'move', '--org', 'root'], 'cần đúng một trong --email <e> hoặc --campaign <id>'],
      [
        [
          'org',
          'move',
          '--org',
          'root',
          '--email',
          'canbo@honquan.gov.vn',
          '--campaign',
          'demo-2023',
        ],
        'cần đúng một trong --email <e> hoặc --campaign <id>',
      ],
    ];
    for (const [args, message] of refusals) {
      expect(await runCli(args, env), args.join(' ')).toBe(1);
      expect(err.at(-1)).toContain(message);
    }

    const db = openDb(env.DATABASE_URL ?? '');
    try {
      expect(
        await db.selectFrom('organisation').select('name').where('id', '=', district).execute(),
      ).toEqual([{ name: 'Thị xã Hớn Quản' }]);
      const moved = await db.selectFrom('user').select('organisationId').execute();
      expect(moved).toEqual([{ organisationId: district }]);
      const campaign = await db.selectFrom('campaign').select('organisationId').execute();
      expect(campaign).toEqual([{ organisationId: district }]);
      const audit = await db
        .selectFrom('auditLog')
        .select(['action', 'details', 'organisationId'])
        .where('action', 'in', ['organisation_renamed', 'user_moved', 'campaign_moved'])
        .orderBy('id')
        .execute();
      expect(audit.map((r) => [r.action, JSON.parse(r.details ?? ''), r.organisationId])).toEqual([
        [
          'organisation_renamed',
          { from: 'Huyện Hớn Quản', to: 'Thị xã Hớn Quản', via: 'cli' },
          district,
        ],
        ['user_moved', { from: 'Toàn hệ thống', to: 'Thị xã Hớn Quản', via: 'cli' }, district],
        ['campaign_moved', { from: 'Toàn hệ thống', to: 'Thị xã Hớn Quản', via: 'cli' }, district],
      ]);
    } finally {
      await db.destroy();
    }
  });
});
