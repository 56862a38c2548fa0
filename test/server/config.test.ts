import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config';

const env = (DATABASE_URL: string): NodeJS.ProcessEnv => ({
  DATABASE_URL,
  APP_SECRET: 'x'.repeat(32),
});

describe('DATABASE_URL', () => {
  it.each(['./data/cchc.sqlite', '/var/lib/cchc/db.sqlite', ':memory:', 'data/a:b.sqlite'])(
    '%s is a SQLite database',
    (url) => {
      expect(loadConfig(env(url)).databaseUrl).toBe(url);
    },
  );

  it.each([
    'postgres://u:p@db.example/cchc',
    'postgresql://u@localhost:5433/cchc',
    'POSTGRES://u@localhost/cchc?sslmode=require',
  ])('%s is a PostgreSQL database', (url) => {
    expect(loadConfig(env(url)).databaseUrl).toBe(url);
  });

  // Before, postgres://… silently made a SQLite file in a folder named "postgres:".
  it.each([
    ['mysql://u@h/db', /"mysql:\/\/\*\*\*@h\/db" không dùng được/],
    ['file:data.sqlite', /không dùng được/],
    ['postgres://u:p@db.example', /thiếu tên cơ sở dữ liệu/],
    ['postgres://u:p@db.example/', /thiếu tên cơ sở dữ liệu/],
  ])('%s is refused at start with a clear message', (url, message) => {
    expect(() => loadConfig(env(url))).toThrow(/DATABASE_URL/);
    expect(() => loadConfig(env(url))).toThrow(message);
  });

  it('never prints the password of a refused URL', () => {
    expect(() => loadConfig(env('mysql://u:hunter2@h/db'))).toThrow(/mysql:\/\/\*\*\*@h\/db/);
    expect(() => loadConfig(env('mysql://u:hunter2@h/db'))).not.toThrow(/hunter2/);
  });
});

/** What runCli printed on console.error, and its exit code. */
async function cliErrors(args: string[], url: string) {
  const { runCli } = await import('../../server/cli');
  const errors: string[] = [];
  const spy = vi
    .spyOn(console, 'error')
    .mockImplementation((...a) => void errors.push(a.join(' ')));
  try {
    return { code: await runCli(args, env(url)), text: errors.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

describe('a DATABASE_URL the product cannot use', () => {
  it('stops the CLI with the message in Vietnamese, exit 1, and no file made', async () => {
    const { code, text } = await cliErrors(['demo'], 'mysql://u:secret@db/cchc');
    expect(code).toBe(1);
    expect(text).toMatch(/^Lỗi: Cấu hình không hợp lệ:\nDATABASE_URL: "mysql:\/\/\*\*\*@db\/cchc"/);
    expect(text).not.toMatch(/secret|at loadConfig/);
    expect(existsSync('mysql:')).toBe(false);
  });

  it('stops the CLI when the PostgreSQL server cannot be reached, and makes no file', async () => {
    const port = await closedPort();
    const { code, text } = await cliErrors(['demo'], `postgres://u:secret@127.0.0.1:${port}/cchc`);
    expect(code).toBe(1);
    expect(text).toMatch(
      new RegExp(
        `^Lỗi: Không kết nối được PostgreSQL tại postgres://\\*\\*\\*@127\\.0\\.0\\.1:${port}/cchc`,
      ),
    );
    expect(text).not.toMatch(/secret|\n\s+at /);
    expect(existsSync('postgres:')).toBe(false);
  });

  it('stops the server the same way, with a non-zero exit', async () => {
    const port = await closedPort();
    const root = resolve(import.meta.dirname, '../..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        ...env(`postgresql://u:secret@127.0.0.1:${port}/cchc`),
        PORT: String(await closedPort()),
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(
      /^Không kết nối được PostgreSQL tại postgresql:\/\/\*\*\*@127/,
    );
    expect(run.stderr).not.toMatch(/secret|\n\s+at /);
    expect(run.stdout).not.toMatch(/đang chạy/);
  });
});

/** A port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}
