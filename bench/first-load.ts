import { existsSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { extname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FIRST_SCREEN_ELEMENT, type FirstScreen } from '../contract/first-screen';
import { runCommand } from './processes';

/** What a phone may download to show the form: 20 KB over the wire, all resources together. */
export const FIRST_LOAD_BUDGET_BYTES = 20 * 1024;

export type ResourceKind = 'html' | 'js' | 'css' | 'other';

export interface Fetched {
  url: string;
  kind: ResourceKind;
  status: number;
  /** Body bytes as sent (compressed when the server gzipped them). */
  wireBytes: number;
  /** Body bytes once decompressed. */
  rawBytes: number;
  /** Status line and headers, as a browser's "transferred" would also count them. */
  headerBytes: number;
  gzipped: boolean;
}

export interface FirstLoad {
  resources: Fetched[];
  missing: string[];
  /**
   * The claim the page of a link never opened brought with its first screen: what the form then
   * sends to fetch the rest (`GET /api/s/<token>` with X-Claim).
   */
  claim?: string;
}

/**
 * Builds the client unless dist/ is newer than every source it comes from. Returns why the
 * form cannot be measured, or null when dist/client/form.html is ready.
 */
export async function ensureClientBuilt(root: string): Promise<string | null> {
  const form = join(root, 'dist/client/form.html');
  const sources = [
    join(root, 'survey-client'),
    join(root, 'vite.config.ts'),
    join(root, 'package-lock.json'),
  ];
  if (existsSync(form) && statSync(form).mtimeMs > Math.max(...sources.map(newestMtime)))
    return null;
  const result = await runCommand(
    join(root, 'node_modules/.bin/vite'),
    ['build', '--logLevel', 'warn'],
    {
      cwd: root,
      timeoutMs: 180_000,
    },
  );
  if (result.code === 0 && existsSync(form)) return null;
  const firstLine = (result.stderr || result.stdout).split('\n').find((l) => l.trim() !== '') ?? '';
  return `vite build failed (exit ${result.code}): ${stripAnsi(firstLine).trim()}`;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are control characters.
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** The request headers of a person's browser opening a link (a navigation to a document). */
export const BROWSER_OPENING = {
  'Sec-Fetch-Dest': 'document',
  'Sec-Fetch-Mode': 'navigate',
  'Sec-Fetch-Site': 'none',
};

/**
 * Downloads the form as a first-time visitor would: the HTML, then every script, stylesheet and
 * module preload it names, then what those stylesheets pull in (fonts, images).
 */
export async function measureFirstLoad(baseUrl: string, token: string): Promise<FirstLoad> {
  // As a browser opens it: the page of a link never opened then carries the welcome and the
  // claim (server/respondent/first-screen.ts), which count in the first load; it claims the link.
  const page = await fetchResource(`${baseUrl}/s/${token}`, 'html', BROWSER_OPENING);
  const resources: Fetched[] = [page.fetched];
  const missing: string[] = [];
  const seen = new Set<string>();
  const queue = pageResources(page.body.toString('utf8'));
  while (queue.length > 0) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const { fetched, body } = await fetchResource(new URL(url, baseUrl).href, kindOf(url));
    if (fetched.status !== 200) missing.push(`${url} (${fetched.status})`);
    resources.push(fetched);
    if (fetched.kind === 'css') queue.push(...stylesheetResources(body.toString('utf8')));
  }
  const claim = firstScreenIn(page.body.toString('utf8'))?.claim;
  return { resources, missing, ...(claim ? { claim } : {}) };
}

/** The first screen a page carries (server/respondent/first-screen.ts), if any. */
export function firstScreenIn(html: string): FirstScreen | null {
  const m = new RegExp(
    `<script type="application/json" id="${FIRST_SCREEN_ELEMENT}">([^<]*)</script>`,
  ).exec(html);
  return m?.[1] ? (JSON.parse(m[1]) as FirstScreen) : null;
}

/** Same-origin URLs of `<script src>` and `<link rel=stylesheet|modulepreload|preload|icon>`. */
export function pageResources(html: string): string[] {
  const urls: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) =>
      new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
    if (/^<script/i.test(tag)) {
      const src = attr('src');
      if (src) urls.push(src);
    } else if (/^(stylesheet|modulepreload|preload|icon)$/i.test(attr('rel') ?? '')) {
      const href = attr('href');
      if (href) urls.push(href);
    }
  }
  return urls.filter(isSameOrigin);
}

/** `url(...)` references of a stylesheet, except inline `data:` ones (already counted). */
export function stylesheetResources(css: string): string[] {
  const urls = [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)].map((m) => m[1] ?? '');
  return urls
    .filter((u) => u !== '' && !u.startsWith('data:') && !u.startsWith('#'))
    .filter(isSameOrigin);
}

const isSameOrigin = (url: string) => !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url);

function kindOf(url: string): ResourceKind {
  const ext = extname(new URL(url, 'http://x').pathname).toLowerCase();
  if (ext === '.js' || ext === '.mjs') return 'js';
  if (ext === '.css') return 'css';
  return 'other';
}

/**
 * GET with `Accept-Encoding: gzip` through node:http, which (unlike fetch) hands over the
 * bytes as they crossed the wire, so the compressed size can be counted.
 */
export function fetchResource(
  url: string,
  kind: ResourceKind,
  headers: Record<string, string> = {},
): Promise<{ fetched: Fetched; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { ...headers, 'Accept-Encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const gzipped = res.headers['content-encoding'] === 'gzip';
        const body = gzipped ? gunzipSync(wire) : wire;
        // "Name: value\r\n" per header: 2 bytes after each name, 2 after each value.
        const headerBytes =
          Buffer.byteLength(`HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n\r\n`) +
          res.rawHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0);
        const status = res.statusCode ?? 0;
        const fetched = {
          url,
          kind,
          status,
          wireBytes: wire.length,
          rawBytes: body.length,
          headerBytes,
          gzipped,
        };
        resolve({ fetched, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
