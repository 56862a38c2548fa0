import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SurveyView } from '../contract/respondent';
import { freePort, sleep, startServer, stopAllChildren } from './processes';
import { seedBenchCampaign } from './seed';
import {
  fetchView,
  type LoadResult,
  runPaced,
  type SubmitBodies,
  submitBodies,
  TokenPool,
  waitUntilIdle,
} from './submit-load';

/**
 * Issue #9, points 5 and 7: honest office leaders submitting at a steady rate, first alone,
 * then while 200 slow clients (slowloris: headers or a body a byte at a time, reconnecting
 * whenever the server cuts them off) and a sign-in flood (wrong passwords, as fast as the
 * server answers) run against the same server. The same rate, the same run length, one run.
 */
export interface UnderAttack {
  rate: number;
  durationS: number;
  quiet: LoadResult;
  attacked: LoadResult;
  slow: { clients: number; connections: number; cutOff: number };
  logins: { workers: number; sent: number; byStatus: Record<string, number>; perSecond: number };
}

export interface UnderAttackOptions {
  rate: number;
  durationS: number;
  slowClients: number;
  loginWorkers: number;
}

export const UNDER_ATTACK: UnderAttackOptions = {
  rate: 50,
  durationS: 20,
  slowClients: 200,
  loginWorkers: 20,
};

export async function measureUnderAttack(
  baseUrl: string,
  pool: TokenPool,
  bodies: SubmitBodies,
  o: UnderAttackOptions,
  log: (m: string) => void = () => undefined,
): Promise<UnderAttack> {
  await waitUntilIdle(baseUrl);
  log(`submits at ${o.rate}/s for ${o.durationS} s, alone…`);
  const quiet = await runPaced(baseUrl, pool, bodies, {
    label: `${o.rate}/s alone`,
    rate: o.rate,
    durationS: o.durationS,
  });
  await waitUntilIdle(baseUrl);
  log(`…and again with ${o.slowClients} slow clients and ${o.loginWorkers} sign-in flooders…`);
  const slow = slowClients(baseUrl, o.slowClients, pool);
  const flood = loginFlood(baseUrl, o.loginWorkers);
  // Every slow client connected and trickling before the measured run starts.
  await sleep(1000);
  const attacked = await runPaced(baseUrl, pool, bodies, {
    label: `${o.rate}/s under attack`,
    rate: o.rate,
    durationS: o.durationS,
  });
  const logins = await flood.stop();
  const slowStats = slow.stop();
  return { rate: o.rate, durationS: o.durationS, quiet, attacked, slow: slowStats, logins };
}

/** `clients` sockets that trickle, half headers, half a submit body; each reconnects when cut off. */
function slowClients(baseUrl: string, clients: number, pool: TokenPool) {
  const { hostname, port } = new URL(baseUrl);
  let stopped = false;
  let connections = 0;
  let cutOff = 0;
  const sockets = new Set<Socket>();
  // A real, claimed link for the slow bodies: the server must read them to know they are not
  // valid (an unclaimed or wrong-claim request is refused before its body is read).
  const { token, claim } = pool.next();
  const claimLine = claim ? `X-Claim: ${claim}\r\n` : '';
  const open = (i: number) => {
    if (stopped) return;
    connections++;
    const socket = connect(Number(port), hostname);
    sockets.add(socket);
    let timer: NodeJS.Timeout | undefined;
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    socket.on('connect', () => {
      socket.write(
        i % 2 === 0
          ? `POST /api/s/${token}/submit HTTP/1.1\r\nHost: x\r\n`
          : `POST /api/s/${token}/submit HTTP/1.1\r\nHost: x\r\n${claimLine}Content-Type: application/json\r\nContent-Length: 20000\r\n\r\n`,
      );
      timer = setInterval(() => {
        if (socket.writable) socket.write(i % 2 === 0 ? 'X' : ' ');
      }, 500);
    });
    socket.on('close', () => {
      clearInterval(timer);
      sockets.delete(socket);
      if (!stopped) {
        cutOff++;
        setTimeout(() => open(i), 100);
      }
    });
  };
  for (let i = 0; i < clients; i++) open(i);
  return {
    stop() {
      stopped = true;
      for (const s of sockets) s.destroy();
      return { clients, connections, cutOff };
    },
  };
}

/** `workers` loops sending wrong passwords (to the first admin and to made-up e-mails). */
function loginFlood(baseUrl: string, workers: number) {
  let stopped = false;
  let sent = 0;
  const byStatus: Record<string, number> = {};
  const started = performance.now();
  const loop = async (w: number) => {
    for (let i = 0; !stopped; i++) {
      const email = w % 2 === 0 ? 'admin@localhost' : `doan-${w}-${i}@x.vn`;
      try {
        const res = await fetch(`${baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, password: randomBytes(9).toString('base64') }),
        });
        await res.arrayBuffer();
        byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      } catch {
        byStatus.error = (byStatus.error ?? 0) + 1;
      }
      sent++;
    }
  };
  const loops = Array.from({ length: workers }, (_, w) => loop(w));
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
      const seconds = (performance.now() - started) / 1000;
      return { workers, sent, byStatus, perSecond: sent / seconds };
    },
  };
}

/** `npx tsx bench/under-attack.ts [rate] [seconds]`: this section alone, at a small size. */
async function alone() {
  const rate = Number(process.argv[2] ?? 10);
  const durationS = Number(process.argv[3] ?? 5);
  const root = resolve(import.meta.dirname, '..');
  const tmp = mkdtempSync(join(tmpdir(), 'cchc-attack-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(await freePort()),
    DATABASE_URL: join(tmp, 'bench.sqlite'),
    APP_SECRET: randomBytes(32).toString('base64url'),
    LOG_REQUESTS: '0',
  };
  delete env.PUBLIC_URL;
  try {
    const people = rate * durationS * 2 + 50;
    const { links } = await seedBenchCampaign(
      env.DATABASE_URL as string,
      env.APP_SECRET as string,
      people,
    );
    const server = await startServer(root, env);
    try {
      const pool = new TokenPool(links);
      const view: SurveyView = await fetchView(server.baseUrl, pool.next().token);
      const result = await measureUnderAttack(
        server.baseUrl,
        pool,
        submitBodies(view),
        { ...UNDER_ATTACK, rate, durationS },
        (m) => console.error(`[bench] ${m}`),
      );
      console.log(JSON.stringify(result, null, 2));
    } finally {
      await server.stop();
    }
  } finally {
    await stopAllChildren();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  alone().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
