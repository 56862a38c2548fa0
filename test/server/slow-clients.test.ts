import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../../server/listen';
import { fullAnswers, setup, submissionId } from './helpers';

/**
 * Issue #9.5: slow clients (slowloris) must neither hold the submit slots nor stay connected.
 * A real server on a free loopback port, with short timeouts so the test stays bounded.
 */
const TIMEOUTS = { headersMs: 1_500, requestMs: 3_000, keepAliveMs: 1_000, checkEveryMs: 200 };
const SLOW = 200;

let stop: (() => Promise<void>) | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await stop?.();
});

/** A socket that writes `head` at once, then `drip` one byte every 100 ms until it is closed. */
function slowClient(port: number, head: string, drip: string) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let reply = '';
  socket.on('data', (d) => {
    reply += d.toString('latin1');
  });
  socket.on('error', () => undefined);
  const closed = new Promise<string>((ok) => socket.on('close', () => ok(reply)));
  socket.on('connect', () => {
    socket.write(head);
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || !socket.writable) return clearInterval(timer);
      socket.write(drip[i++ % drip.length] ?? 'a');
    }, 100);
    socket.on('close', () => clearInterval(timer));
  });
  return closed;
}

describe('slow clients', () => {
  it('200 sockets trickling headers or bodies do not delay honest submits, and are cut off', async () => {
    const ctx = await setup();
    const { server, port } = await listen(ctx.app.fetch, {
      port: 0,
      hostname: '127.0.0.1',
      timeouts: TIMEOUTS,
    });
    stop = async () => {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await ctx.db.destroy();
    };
    const honest = ctx.tokens('LD_CQCM_HUYEN').slice(0, 3);
    const slowTokens = ctx.tokens('LD_CQCM_HUYEN').slice(3);
    // The slow bodies come with their links' claims, so the server must read them.
    const claims = new Map<string, string>();
    for (const token of [...honest, ...slowTokens]) claims.set(token, await ctx.claimOf(token));
    const closed: Promise<string>[] = [];
    for (let i = 0; i < SLOW; i++) {
      const token = i % 4 === 0 ? 'not-a-token' : (slowTokens[i % slowTokens.length] ?? '');
      const claim = claims.get(token) ?? 'none';
      closed.push(
        i % 2 === 0
          ? // Headers that never end.
            slowClient(port, `POST /api/s/${token}/submit HTTP/1.1\r\nHost: x\r\n`, 'X-Slow: a\r\n')
          : // Complete headers, then a 20 KB body a byte at a time.
            slowClient(
              port,
              `POST /api/s/${token}/submit HTTP/1.1\r\nHost: x\r\nX-Claim: ${claim}\r\nContent-Type: application/json\r\nContent-Length: 20000\r\n\r\n`,
              '{"submissionId":',
            ),
      );
    }
    // Every slow client is connected and its request (or its headers) under way.
    await new Promise((ok) => setTimeout(ok, 500));

    const answers = await fullAnswers(ctx.db, 'LD_CQCM_HUYEN');
    const results = await Promise.all(
      honest.map(async (token) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/s/${token}/submit`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Claim': claims.get(token) ?? '' },
          body: JSON.stringify({ submissionId: submissionId(), answers }),
        });
        return { status: res.status, body: (await res.json()) as { receipt?: string } };
      }),
    );
    for (const r of results) {
      expect(r.status).toBe(201);
      expect(r.body.receipt).toBeTruthy();
    }

    // Every slow client is cut off by the server's timeouts (3 s), long before Node's 300 s.
    const deadline = new Promise<'late'>((ok) => setTimeout(() => ok('late'), 8_000));
    const replies = await Promise.race([Promise.all(closed), deadline]);
    expect(replies).not.toBe('late');
    const slowHeaders = (replies as string[]).filter((_, i) => i % 2 === 0);
    // A client that never finished its headers is told 408 before the connection closes.
    expect(slowHeaders.every((r) => r === '' || r.startsWith('HTTP/1.1 408'))).toBe(true);
  }, 20_000);
});

describe('a sign-in flood', () => {
  it('does not stop respondents: their pages answer while 200 wrong sign-ins are refused or queued', async () => {
    const ctx = await setup();
    const { server, port } = await listen(ctx.app.fetch, {
      port: 0,
      hostname: '127.0.0.1',
      timeouts: TIMEOUTS,
    });
    stop = async () => {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await ctx.db.destroy();
    };
    const base = `http://127.0.0.1:${port}`;
    let lastLoginAt = 0;
    const logins = Array.from({ length: 200 }, (_, i) =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: `ke-tan-cong-${i}@x.vn`, password: 'đoán-mò-mật-khẩu' }),
      }).then(async (res) => {
        lastLoginAt = performance.now();
        const body = (await res.json()) as { error?: { code: string } };
        return {
          status: res.status,
          code: body.error?.code,
          retry: res.headers.get('retry-after'),
        };
      }),
    );
    // Respondents open their forms while the flood is being hashed (gzip on, as phones ask).
    const pages = await Promise.all(
      ctx
        .tokens('LD_UBND_XA')
        .slice(0, 5)
        .map(async (token) => {
          const res = await fetch(`${base}/api/s/${token}`, {
            headers: { 'Accept-Encoding': 'gzip' },
          });
          await res.arrayBuffer();
          return { status: res.status, at: performance.now() };
        }),
    );
    const replies = await Promise.all(logins);
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200, 200]);
    // The flood was still being answered after every respondent had their page.
    expect(Math.max(...pages.map((p) => p.at))).toBeLessThan(lastLoginAt);
    // Sign-ins beyond the hashing queue are refused at once with 503 busy and Retry-After.
    const busy = replies.filter((r) => r.code === 'busy');
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((r) => r.status === 503 && r.retry === '5')).toBe(true);
    expect(
      replies.every((r) =>
        ['invalid_credentials', 'busy', 'proof_required'].includes(r.code ?? ''),
      ),
    ).toBe(true);
  }, 20_000);
});
