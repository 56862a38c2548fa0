import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Hono, MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  json: 'application/json',
};

/** Headers on every response. Tokens are in the URL: never let them leak through the Referer. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
};

/** The respondent's form page: revalidated on each visit, and only its own scripts run. */
export const FORM_PAGE_HEADERS = {
  'Cache-Control': 'no-cache',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
};

/**
 * Serves the built client: hashed files under /assets (cached for a year, they never change)
 * and the HTML pages. Files are read once: the build output is immutable while running.
 */
export function mountClient(app: Hono, clientDir: string) {
  const cache = new Map<string, Buffer | null>();
  const read = (rel: string) => {
    if (!cache.has(rel)) {
      const path = normalize(join(clientDir, rel));
      cache.set(rel, path.startsWith(clientDir) && existsSync(path) ? readFileSync(path) : null);
    }
    return cache.get(rel) ?? null;
  };

  app.get('/assets/:file', (c) => {
    const file = c.req.param('file');
    const body = /^[\w.-]+$/.test(file) ? read(`assets/${file}`) : null;
    if (!body) return c.text('Không tìm thấy', 404);
    const type = TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': type,
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });

  /** An HTML page of the build, or a clear message when the client was not built. */
  return (name: string) => {
    const body = read(name);
    return body
      ? body.toString('utf8')
      : `<!doctype html><meta charset="utf-8"><title>Chưa build</title><p>Giao diện chưa được build: hãy chạy <code>npm run build</code> (hoặc <code>npm start</code>).</p>`;
  };
}
