import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL server for the tests (and .ci/run): Debian's binaries
 * (/usr/lib/postgresql/<n>/bin or PATH), a cluster in a temporary directory, a free port on
 * 127.0.0.1, no fsync (nothing here must survive a power cut), locale C so text sorts by code
 * point as it does in SQLite. PostgreSQL refuses to run as root: as root it runs as `postgres`.
 */
export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** The postmaster's pid (its backends are its children): bench/cluster.ts reads their CPU. */
  pid: () => number;
  stop: () => void;
}

const asRoot = process.getuid?.() === 0;

function bin(name: string): string {
  for (const v of ['17', '16', '15']) {
    const path = `/usr/lib/postgresql/${v}/bin/${name}`;
    if (spawnSync('test', ['-x', path]).status === 0) return path;
  }
  return name;
}

function run(cmd: string, args: string[]): void {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/**
 * `durable`: fsync and synchronous commit left on (PostgreSQL's defaults), as a deployment runs
 * it: a commit is on the disk before it returns, like SQLite's synchronous=FULL. The benchmark
 * compares the two so; the tests need no durability and run faster without.
 */
export async function startPostgres(settings: { durable?: boolean } = {}): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const port = await freePort();
  run(bin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    ...(settings.durable
      ? []
      : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    '-c max_connections=400',
    '-c shared_buffers=64MB',
  ].join(' ');
  run(bin('pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run(bin('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
