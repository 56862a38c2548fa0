import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Hono, MiddlewareHandler } from 'hono';
import { PRINT_SCRIPT } from './html';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  json: 'application/json',
};

const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The Content-Security-Policy of every page (console, home, QR slips, paper forms, the form):
 * scripts only from this server's own files, plus the printable pages' one inline script by its
 * hash — no 'unsafe-inline', no eval; nothing loaded from elsewhere; no plugin, no <base>, no
 * form posting elsewhere, no framing. Styles may be inline: the printable pages and the home
 * page carry their CSS in a <style> element, and styles run no code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' ${sha256(PRINT_SCRIPT)}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A year: browsers then refuse plain HTTP to this host, even a first visit typed without https. */
export const HSTS = 'max-age=31536000';

/**
 * Headers on every response. Tokens are in the URL: never let them leak through the Referer.
 * Every response carries the Content-Security-Policy unless its route set its own; when the
 * public address is https, Strict-Transport-Security too (without includeSubDomains: other
 * hosts of an office's domain may still be plain HTTP).
 */
export function securityHeadersFor(publicUrl: string): MiddlewareHandler {
  const https = /^https:\/\//i.test(publicUrl);
  return async (c, next) => {
    await next();
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    if (!c.res.headers.has('Content-Security-Policy'))
      c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    if (https) c.header('Strict-Transport-Security', HSTS);
  };
}

/** The headers of securityHeadersFor without HSTS (a server whose public address is http). */
export const securityHeaders: MiddlewareHandler = securityHeadersFor('');

/**
 * The respondent's form page: never stored (the page of a link never opened carries its claim:
 * server/respondent/first-screen.ts), and only its own scripts run.
 */
export const FORM_PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
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

  /**
   * The page's stylesheets of the build put in `<style>` elements (the Content-Security-Policy
   * allows inline styles): nothing to fetch before the first paint. For the respondent's form,
   * whose few kilobytes of CSS cost less than a round trip on a slow network (issue #13.8).
   */
  const inlined = new Map<string, string>();
  const withInlineStyles = (name: string, html: string) => {
    let page = inlined.get(name);
    if (page === undefined) {
      page = html.replace(
        /<link rel="stylesheet"[^>]*? href="\/assets\/([\w.-]+\.css)"[^>]*>/g,
        (tag, file: string) => {
          const css = read(`assets/${file}`);
          return css ? `<style>${css.toString('utf8')}</style>` : tag;
        },
      );
      inlined.set(name, page);
    }
    return page;
  };

  /** An HTML page of the build, or a clear message when the client was not built. */
  return (name: string, { inlineStyles = false } = {}) => {
    const body = read(name);
    if (body && inlineStyles) return withInlineStyles(name, body.toString('utf8'));
    return body
      ? body.toString('utf8')
      : `<!doctype html><meta charset="utf-8"><title>Chưa build</title><p>Giao diện chưa được build: hãy chạy <code>npm run build</code> (hoặc <code>npm start</code>).</p>`;
  };
}
