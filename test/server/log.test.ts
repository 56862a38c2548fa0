import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { maskPath } from '../../server/log';
import { config, setup } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
let token = '';

beforeAll(async () => {
  ctx = await setup();
  token = ctx.tokens('HDND_HUYEN')[0] ?? '';
});

/** The app as main.ts runs it, request log on (to console.log), every line captured. */
function logged() {
  const lines: string[] = [];
  const original = console.log;
  console.log = (l: string) => lines.push(l);
  try {
    const app = createApp({ db: ctx.db, config: { ...config, logRequests: true } });
    return { lines, request: (path: string) => app.request(path) };
  } finally {
    console.log = original;
  }
}

describe('the request log', () => {
  it('masks a token however the path spells it', async () => {
    const log = logged();
    const paths = [
      `/api/s/${token}`,
      `//api/s/${token}`,
      `/api//s//${token}/draft`,
      `/api/S/${token}`,
      `/API/s/${token}`,
      `/api%2Fs%2F${token}`,
      `/api%252Fs%252F${token}`,
      `/api/x/..%2Fs/${token}`,
      `/s/${token}`,
      `/S/${token}`,
      `//s/${token}`,
      `/%73/${token}`,
      `/api\\s\\${token}`,
    ];
    for (const p of paths) await log.request(p);
    expect(log.lines).toHaveLength(paths.length);
    for (const line of log.lines) {
      expect(line).not.toContain(token);
      expect(line).not.toContain(token.slice(0, 12));
      expect(line).toMatch(/\/s\/\*\*\*/i);
    }
    expect(log.lines[0]).toMatch(/^GET \/api\/s\/\*\*\* 200 /);
  });

  it('writes one line per request: a %0A in a path cannot forge another', async () => {
    const log = logged();
    await log.request('/nothing%0AGET%20/api/s/forged%20200%201.0ms');
    await log.request('/x%0D%0Ay%1B[31m%E2%80%A8z');
    expect(log.lines).toHaveLength(2);
    for (const line of log.lines) {
      for (const ch of ['\n', '\r', '\u001b', '\u2028']) expect(line).not.toContain(ch);
      expect(line.split('\n')).toHaveLength(1);
    }
    expect(log.lines[0]).toContain('\\n');
    expect(log.lines[0]).not.toContain('forged');
  });

  it('masks a paper serial, which the database keeps only as an HMAC', async () => {
    const log = logged();
    await log.request('/api/campaigns/demo-2023/paper/serials/K7QM4X2PA');
    await log.request('/api/campaigns/demo-2023/paper/SERIALS/K7QM4X2PA');
    for (const line of log.lines) expect(line).not.toContain('K7QM4X2PA');
  });

  it('keeps ordinary paths readable', () => {
    expect(maskPath('/assets/form-1.js')).toBe('/assets/form-1.js');
    expect(maskPath('/console/campaigns/demo-2023')).toBe('/console/campaigns/demo-2023');
    expect(maskPath('/api/s/AbC/submit')).toBe('/api/s/***/submit');
    expect(maskPath('/bad%E0%A4%A')).not.toContain('\n');
  });

  it('still logs through a wrapping app', async () => {
    const { requestLogger } = await import('../../server/log');
    const lines: string[] = [];
    const app = new Hono().use(requestLogger((l) => lines.push(l))).route('/', ctx.app);
    await app.request(`//api/S/${token}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(token);
  });
});

describe('the request log behind a real socket', () => {
  it('masks and escapes what a raw HTTP request line sends', async () => {
    const { serve } = await import('@hono/node-server');
    const { connect } = await import('node:net');
    const lines: string[] = [];
    const original = console.log;
    console.log = (l: string) => lines.push(l);
    let app: ReturnType<typeof createApp>;
    try {
      app = createApp({ db: ctx.db, config: { ...config, logRequests: true } });
    } finally {
      console.log = original;
    }
    const server = await new Promise<ReturnType<typeof serve>>((ok) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
    });
    const { port } = server.address() as { port: number };
    const raw = (target: string) =>
      new Promise<void>((ok) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
        );
        socket.on('data', () => undefined);
        socket.on('close', () => ok());
        socket.on('error', () => ok());
      });
    try {
      for (const target of [
        `//api/s/${token}`,
        `/api/S/${token}`,
        `/api%2Fs%2F${token}`,
        `/s/${token}?x=1`,
        `/x%0AGET%20/api/s/forged%20200%201.0ms`,
      ])
        await raw(target);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(line).not.toContain(token);
      expect(line).not.toContain('\n');
    }
    expect(lines[4]).not.toContain('forged');
  });
});
