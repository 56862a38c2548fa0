import { execFileSync } from 'node:child_process';
import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';
import { freshPostgresUrl, onPostgres } from '../../db';
import { SECRET } from '../helpers';
import { freePort, type ServerProcess, startServer } from './processes';

/** The server processes `pid` forked (the cluster's workers), by pid. */
function workersOf(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['--ppid', String(pid), '-o', 'pid=,args='], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there is none
  }
  return out
    .split('\n')
    .filter((line) => line.includes('server/main.ts'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** GET /api/health on a new connection (a kept-alive one may lead to the worker killed). */
const health = (url: string) =>
  new Promise<number>((done, fail) =>
    get(`${url}/api/health`, { agent: false }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    })
      .setTimeout(10_000, () => fail(new Error('no answer in 10 s')))
      .on('error', fail),
  );

async function until(check: () => boolean, ms = 40_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Stopped after each test even when it times out (a test's own `finally` then never runs).
let running: ServerProcess | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('CLUSTER_WORKERS', () => {
  it('is refused on SQLite, with the reason', () => {
    const env = { APP_SECRET: SECRET, CLUSTER_WORKERS: '2', DATABASE_URL: './data/x.sqlite' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(
      /CLUSTER_WORKERS: nhiều tiến trình máy chủ cần PostgreSQL/,
    );
    expect(loadConfig({ ...env, CLUSTER_WORKERS: '1' }).workers).toBe(1);
    expect(loadConfig({ ...env, DATABASE_URL: 'postgres://u@h/db' }).workers).toBe(2);
    expect(() => loadConfig({ ...env, CLUSTER_WORKERS: '0' })).toThrow(/CLUSTER_WORKERS/);
  });

  it.skipIf(!onPostgres)(
    'serves one port from two processes, replaces one that dies, and stops them all',
    async () => {
      const url = await freshPostgresUrl();
      const server = await startServer(
        { DATABASE_URL: url, APP_SECRET: SECRET, CLUSTER_WORKERS: '2' },
        await freePort(),
      );
      running = server;
      const primary = server.child.pid ?? 0;
      try {
        await until(() => /2 tiến trình/.test(server.output()));
        const workers = workersOf(primary);
        expect(workers).toHaveLength(2);
        // The primary made the first account once, before forking.
        expect(server.output().match(/Tài khoản quản trị đầu tiên/g)).toHaveLength(1);
        // Requests the primary handed to the worker as it died are lost (the form retries
        // them); once the primary has replaced it, both serve again.
        process.kill(workers[0] ?? 0, 'SIGKILL');
        await until(() => {
          const now = workersOf(primary);
          return now.length === 2 && !now.includes(workers[0] ?? 0);
        });
        for (let i = 0; i < 6; i++) expect(await health(server.url)).toBe(200);
        expect(server.output()).toMatch(/đã dừng \(SIGKILL\); khởi động lại sau 1 giây/);
        const all = workersOf(primary);
        await server.stop();
        expect(server.child.exitCode).toBe(0);
        for (const pid of all) expect(() => process.kill(pid, 0)).toThrow();
      } finally {
        await server.stop();
      }
    },
    150_000,
  );
});
