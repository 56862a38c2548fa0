import { existsSync } from 'node:fs';
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

  // Before, postgres://… silently made a SQLite file in a folder named "postgres:".
  it.each([
    ['postgres://u:p@db.example/cchc', /PostgreSQL/],
    ['postgresql://u@localhost/cchc', /PostgreSQL/],
    ['mysql://u@h/db', /không dùng được/],
    ['file:data.sqlite', /không dùng được/],
  ])('%s is refused at start with a clear message', (url, message) => {
    expect(() => loadConfig(env(url))).toThrow(/DATABASE_URL/);
    expect(() => loadConfig(env(url))).toThrow(message);
  });
});

describe('a DATABASE_URL the product cannot use', () => {
  it('stops the CLI with the message in Vietnamese, exit 1, and no file made', async () => {
    const { runCli } = await import('../../server/cli');
    const errors: string[] = [];
    const spy = vi
      .spyOn(console, 'error')
      .mockImplementation((...a) => void errors.push(a.join(' ')));
    try {
      expect(await runCli(['demo'], env('postgres://u:secret@db/cchc'))).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('\n')).toMatch(/^Lỗi: Cấu hình không hợp lệ:\nDATABASE_URL: PostgreSQL/);
    expect(errors.join('\n')).not.toMatch(/secret|at loadConfig/);
    expect(existsSync('postgres:')).toBe(false);
  });
});
