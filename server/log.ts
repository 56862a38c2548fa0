import type { MiddlewareHandler } from 'hono';

/** `/s/<token>…` and `/api/s/<token>…` → `/s/***…`: tokens must never reach a log. */
export function maskPath(path: string): string {
  return path.replace(
    /^(\/api)?\/s\/[^/?#]+/,
    (_m, api: string | undefined) => `${api ?? ''}/s/***`,
  );
}

/** One line per request, with the token masked; what the server's logs hold of a respondent. */
export function requestLogger(write: (line: string) => void = console.log): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = (performance.now() - start).toFixed(1);
    write(`${c.req.method} ${maskPath(c.req.path)} ${c.res.status} ${ms}ms`);
  };
}
