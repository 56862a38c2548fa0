import { posix } from 'node:path';
import type { MiddlewareHandler } from 'hono';

/**
 * Path segments whose next segment is a secret: a link's token (`/s/`, `/api/s/`), a serial, a
 * SIPAS one-time code (`/c/`: the log's time must not be joined to a code's use).
 */
const SECRET_BEFORE = new Set(['s', 'serials', 'c']);

/**
 * What a path resolves to, as leniently as any router or proxy might read it: percent-decoded
 * (repeatedly, so `%252F` too), backslashes as slashes, slashes collapsed, dot segments
 * resolved. `//api/s/T`, `/api%2Fs%2FT` and `/api/./x/../s/T` all resolve to `/api/s/T`.
 */
export function resolvePath(path: string): string {
  let p = path;
  for (let i = 0; i < 4; i++) {
    let d: string;
    try {
      d = decodeURIComponent(p);
    } catch {
      d = p.replace(/%([0-9a-f]{2})/gi, (_m, h: string) =>
        String.fromCharCode(Number.parseInt(h, 16)),
      );
    }
    if (d === p) break;
    p = d;
  }
  p = p.replace(/\\/g, '/');
  return posix.normalize(p.startsWith('/') ? p : `/${p}`);
}

/** Backslash, C0 and C1 controls, the line and paragraph separators. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Escapes a log field: control characters (a `%0A` in a path would start a forged line), and
 * backslashes, as `\n`, `\xNN`, `\\`; anything else is kept, Vietnamese included.
 */
export function escapeLogField(s: string): string {
  return s.replace(UNSAFE, (ch) => {
    if (ch === '\\') return '\\\\';
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    const code = ch.charCodeAt(0);
    return code > 0xff
      ? `\\u${code.toString(16).padStart(4, '0')}`
      : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}

/**
 * The path as the log shows it: resolved (see resolvePath), the segment after `s` (a link's
 * token, whatever its case: `/S/`, `/api/S/`) and after `serials` (a paper serial) replaced by
 * `***`, control characters escaped. `/s/<token>` → `/s/***`, `/api/s/<token>/submit` →
 * `/api/s/***\/submit`: tokens and serials must never reach a log.
 */
export function maskPath(path: string): string {
  const segments = resolvePath(path).split('/');
  for (let i = 1; i < segments.length; i++) {
    if (SECRET_BEFORE.has((segments[i - 1] ?? '').toLowerCase()) && segments[i]) {
      segments[i] = '***';
    }
  }
  return escapeLogField(segments.join('/'));
}

/** The raw path of a request, before any decoding (Hono's c.req.path is already decoded once). */
function rawPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const end = url.search(/[?#]/);
  return end > start ? url.slice(start, end) : url.slice(start);
}

/** One line per request, with tokens masked; what the server's logs hold of a respondent. */
export function requestLogger(write: (line: string) => void = console.log): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = (performance.now() - start).toFixed(1);
    write(
      `${escapeLogField(c.req.method)} ${maskPath(rawPath(c.req.url))} ${c.res.status} ${ms}ms`,
    );
  };
}
