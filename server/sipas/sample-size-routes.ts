import { Hono } from 'hono';
import { sampleSize } from '../../analysis/sample-size';
import type { SampleSize } from '../../contract/console/sipas-analysis';
import { type AuthEnv, requireRole } from '../auth/middleware';
import { ApiError } from '../errors';

/**
 * `GET /api/sample-size?N=&e=`: how many households to ask (issue #14.5), n = N / (1 + N·e²)
 * rounded up. Every role: it reads nothing.
 */
export function sampleSizeRoutes() {
  const app = new Hono<AuthEnv>();
  app.get('/', requireRole('admin', 'officer', 'analyst'), (c) => {
    const rawN = c.req.query('N') ?? '';
    const e = (c.req.query('e') ?? '').trim();
    const N = /^\d{1,12}$/.test(rawN) ? Number(rawN) : Number.NaN;
    try {
      return c.json({ N, e, n: sampleSize(N, e) } satisfies SampleSize);
    } catch (err) {
      if (err instanceof RangeError) throw new ApiError(400, 'invalid_query', err.message);
      throw err;
    }
  });
  return app;
}
