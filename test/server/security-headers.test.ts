import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { config, setup, signIn } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
});

const directives = (csp: string | null) =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name = '', ...values]) => [name, values]),
  );

/** The hash a browser computes of an inline script, as CSP writes it. */
const hashOf = (script: string) =>
  `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;

async function pages() {
  const token = ctx.tokens('HDND_HUYEN')[0];
  const person = ctx.links.find((l) => l.group_code === 'LD_UBND_XA');
  return [
    ['console', await ctx.app.request('/console')],
    ['home', await ctx.app.request('/')],
    ['form', await ctx.app.request(`/s/${token}`)],
    ['slips', await officer('/api/campaigns/demo-2023/slips?group=LD_UBND_XA')],
    ['paper', await officer(`/api/campaigns/demo-2023/paper?ids=${person?.id}`)],
    ['api', await ctx.app.request('/api/health')],
    ['not found', await ctx.app.request('/no-such-page')],
  ] as const;
}

describe('Content-Security-Policy', () => {
  it('every page forbids inline scripts but its own hashed one, eval, plugins, <base>, framing', async () => {
    for (const [name, res] of await pages()) {
      expect(res.status, name).toBeLessThan(500);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('default-src'), name).toEqual(["'self'"]);
      const scripts = csp.get('script-src') ?? [];
      expect(scripts[0], name).toBe("'self'");
      for (const s of scripts.slice(1)) expect(s, name).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
      expect(csp.get('object-src'), name).toEqual(["'none'"]);
      expect(csp.get('base-uri'), name).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), name).toEqual(["'none'"]);
      expect(csp.get('form-action'), name).toEqual(["'self'"]);
    }
  });

  it('the printable pages have no inline handler, and each inline script is allowed by its hash', async () => {
    for (const [name, res] of (await pages()).filter(([n]) => n === 'slips' || n === 'paper')) {
      const html = await res.text();
      expect(html, name).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, name).not.toMatch(/javascript:/i);
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
        (m) => m[1] ?? '',
      );
      expect(inline.length, name).toBe(1);
      const allowed = directives(res.headers.get('content-security-policy')).get('script-src');
      for (const script of inline) expect(allowed, name).toContain(hashOf(script));
      expect(html).toContain('data-print');
    }
  });

  it('the console and form pages load no inline script at all', async () => {
    for (const [name, res] of (await pages()).filter(([n]) => n === 'console' || n === 'form')) {
      const html = await res.text();
      expect(html, name).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, name).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });
});

describe('Strict-Transport-Security', () => {
  it('is sent when the public address is https', async () => {
    const app = createApp({
      db: ctx.db,
      config: { ...config, publicUrl: 'https://khaosat.example.vn' },
    });
    for (const path of ['/', '/console', '/api/health', `/s/${ctx.tokens('HDND_HUYEN')[0]}`]) {
      const res = await app.request(path);
      expect(res.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
    }
  });

  it('is not sent over plain http (a browser would then refuse the office’s own address)', async () => {
    for (const [name, res] of await pages()) {
      expect(res.headers.get('strict-transport-security'), name).toBeNull();
    }
  });
});

describe('/favicon.ico', () => {
  it('answers "nothing" (204, cached a day), never a 404 in the browser console', async () => {
    const { app } = await setup();
    const res = await app.request('/favicon.ico');
    expect(res.status).toBe(204);
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(await res.text()).toBe('');
  });
});
