import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli';
import { openDb } from '../../server/db/connect';
import { captureConsole } from './console-capture';
import { config, SECRET } from './helpers';

let dir: string;
let env: NodeJS.ProcessEnv;
const { out, err } = captureConsole();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cchc-cli-options-'));
  env = { DATABASE_URL: join(dir, 'db.sqlite'), APP_SECRET: SECRET, PUBLIC_URL: config.publicUrl };
});

/** Every command with a correct set of words, which an unknown option must spoil. */
const COMMANDS: [string, string[], RegExp][] = [
  ['demo', ['demo'], /Dùng: demo/],
  ['links', ['links', '--campaign', 'demo-2023', '--format', 'csv'], /links --campaign/],
  ['campaign open', ['campaign', 'open', '--campaign', 'demo-2023'], /campaign open\|close/],
  ['campaign close', ['campaign', 'close', '--campaign', 'demo-2023'], /campaign open\|close/],
  [
    'user add',
    ['user', 'add', '--email', 'a@b.vn', '--password', 'mật-khẩu-dài-đủ', '--role', 'analyst'],
    /user add --email/,
  ],
  ['roster import', ['roster', 'import', '--campaign', 'demo-2023', 'FILE'], /roster import/],
  ['results', ['results', '--campaign', 'demo-2023', '--format', 'json'], /results --campaign/],
  ['sipas run', ['sipas', 'run', '--campaign', 'demo-sipas-dong-nai-2026'], /sipas run --campaign/],
  [
    'sipas link',
    ['sipas', 'link', '--campaign', 'demo-2023', '--run', 'r', '--field', 'LV8', '--max', '10'],
    /sipas link --campaign/,
  ],
  ['backup', ['backup', 'FILE'], /backup FILE \[--overwrite\]/],
  ['db copy', ['db', 'copy', '--to', 'postgres://cchc@127.0.0.1:1/cchc'], /db copy --to/],
];

describe('every CLI command refuses what it does not know', () => {
  it.each(COMMANDS)('%s --bogus: usage, exit 1, nothing done', async (_name, args, usage) => {
    const file = join(dir, 'roster.csv');
    writeFileSync(file, 'Họ và tên,Nhóm đối tượng\nA,B\n');
    const words = args.map((a) => (a === 'FILE' ? file : a));
    for (const bad of [
      [...words, '--bogus'],
      [...words, '--bogus=1'],
      [...words.slice(0, 1), '-x', ...words.slice(1)],
      [...words, 'extra-word', 'another'],
    ]) {
      err.length = 0;
      expect(await runCli(bad, env)).toBe(1);
      const text = err.join('\n');
      expect(text).toMatch(/^Lỗi: /);
      expect(text).toMatch(/Dùng: /);
      // Vietnamese throughout: none of node's English parse messages.
      expect(text).not.toMatch(/Unknown|option|argument/);
      expect(text).toMatch(usage);
      // Refused before anything was opened: not even the database file exists.
      expect(existsSync(env.DATABASE_URL as string)).toBe(false);
    }
    expect(out).toEqual([]);
  });

  it('an unknown command prints the whole usage and exits 1 without a database', async () => {
    expect(await runCli(['bogus'], env)).toBe(1);
    expect(err.join('\n')).toMatch(/Lệnh không xác định: "bogus"/);
    expect(err.join('\n')).toMatch(/roster import/);
    expect(existsSync(env.DATABASE_URL as string)).toBe(false);
  });

  it('a known option still works after a refused one (demo, links)', async () => {
    expect(await runCli(['demo', '--bogus'], env)).toBe(1);
    expect(await runCli(['demo'], env)).toBe(0);
    const db = openDb(env.DATABASE_URL as string);
    const n = await db
      .selectFrom('campaign')
      .select((eb) => eb.fn.countAll().as('n'))
      .execute();
    await db.destroy();
    expect(Number(n[0]?.n)).toBe(1);
    out.length = 0;
    expect(
      await runCli(['links', '--campaign', 'demo-2023', '--format', 'csv', '--bogus'], env),
    ).toBe(1);
    expect(out).toEqual([]);
  });

  it('npm run cli -- demo --bogus: exit code 1 and the usage, no demo made', () => {
    const root = resolve(import.meta.dirname, '../..');
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'server/cli.ts'), 'demo', '--bogus'],
      { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' },
    );
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/Lỗi: tham số không hợp lệ/);
    expect(res.stderr).toMatch(/Dùng: demo/);
    expect(res.stdout).not.toMatch(/Đã tạo/);
    expect(existsSync(env.DATABASE_URL as string)).toBe(false);
  });
});
