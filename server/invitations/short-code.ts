import { Hono } from 'hono';
import type { AuthEnv } from '../auth/middleware';
import { clientIp } from '../auth/middleware';
import { failureWait, recordFailure } from '../auth/session';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { homePage } from '../home';
import { shortCodeHash } from '../secrets';
import { linkFor } from './service';

/** Wrong codes per address in 15 minutes: 10 tries against ~8.5 × 10^11 codes. */
const MAX_WRONG_CODES = 10;

/**
 * `POST /code`: a person types the short code from their slip on the home page and is sent to
 * their form. A plain HTML form (no JavaScript), rate-limited per address like logins.
 */
export function shortCodeRoutes(
  db: Db,
  config: Pick<Config, 'secret' | 'publicUrl' | 'trustProxy'>,
) {
  const app = new Hono<AuthEnv>();
  app.post('/code', async (c) => {
    const ip = clientIp(c, config.trustProxy);
    const form = await c.req.parseBody();
    const code = String(form.code ?? '').slice(0, 40);
    // The same failure table as logins, under its own key: shared by every server.
    if ((await failureWait(db, [{ key: `code:${ip}`, max: MAX_WRONG_CODES }])) > 0) {
      return c.html(homePage('Nhập sai mã quá nhiều lần. Vui lòng thử lại sau 15 phút.'), 429);
    }
    const invitation =
      code.replace(/[^0-9A-Za-z]/g, '').length === 8
        ? await db
            .selectFrom('invitation')
            .select(['tokenNonce', 'status'])
            .where('shortCodeHash', '=', shortCodeHash(config.secret, code))
            .executeTakeFirst()
        : undefined;
    if (!invitation || invitation.status === 'revoked') {
      await recordFailure(db, `code:${ip}`);
      return c.html(homePage('Mã không đúng. Vui lòng kiểm tra lại mã in trên phiếu mời.'), 404);
    }
    return c.redirect(linkFor({ ...config, publicUrl: '' }, invitation.tokenNonce), 303);
  });
  return app;
}
