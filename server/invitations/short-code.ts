import { Hono } from 'hono';
import { attemptSucceeded, recentAttempts, reserveAttempt } from '../auth/attempts';
import { attemptsPaidBy, bitsFor, CODE_CURVE, checkProof, issueChallenge } from '../auth/proof';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { CODE_CHECK_SCRIPT, homePage } from '../home';
import { shortCodeHash } from '../secrets';
import { findSipasCode, printedCode } from '../sipas/answer-queries';
import { linkFor } from './service';

/** The home page's form sends a code of 8 characters: a kilobyte is far more than it needs. */
export const CODE_BODY_LIMIT = 1024;

class Refusal extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** The urlencoded body of the home page's form, read up to CODE_BODY_LIMIT bytes. */
async function readForm(req: Request): Promise<URLSearchParams> {
  const type = req.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new Refusal(415, 'Yêu cầu không đúng định dạng của biểu mẫu nhập mã.');
  }
  const tooLarge = () => new Refusal(413, 'Dữ liệu gửi lên quá lớn.');
  if (Number(req.headers.get('content-length') ?? 0) > CODE_BODY_LIMIT) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > CODE_BODY_LIMIT) {
          await reader.cancel().catch(() => undefined);
          throw tooLarge();
        }
        chunks.push(value);
      }
    } catch (err) {
      if (err instanceof Refusal) throw err;
      throw new Refusal(400, 'Không đọc được dữ liệu gửi lên. Vui lòng thử lại.');
    }
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
  return new URLSearchParams(text);
}

/**
 * `POST /code`: a person types the short code from their slip on the home page and is sent to
 * their form: a PAR invitation's `/s/<token>`, or a SIPAS one-time code's `/c/ABCD-EFGH`. A
 * plain HTML form; every refusal is the home page with a Vietnamese notice.
 *
 * Guessing (issue #9.6): codes are 8 characters of 31 (≈ 8.5 × 10^11), so one guess hits a live
 * code with odds of about 1 in 10^7. Guessing is limited by one budget for the whole site, not by
 * address: the first 300 wrong codes an hour cost nothing; past that every code typed — right or
 * wrong, so the refusal tells nothing — needs a proof of work that the home page's small script
 * solves in about a second before sending the form again. A hall of 90 people behind one Wi-Fi,
 * some of them mistyping, is never refused. A SIPAS code is looked up only after that same
 * reservation, so typing one here probes no faster than a PAR code (its own page `/c/<code>`,
 * which a QR scan opens, is not throttled: docs/anonymity.md §7).
 */
export function shortCodeRoutes(db: Db, config: Pick<Config, 'secret' | 'publicUrl'>) {
  const app = new Hono();
  app.get('/code-check.js', (c) =>
    c.body(CODE_CHECK_SCRIPT, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );
  app.post('/code', async (c) => {
    let form: URLSearchParams;
    try {
      form = await readForm(c.req.raw);
    } catch (err) {
      if (err instanceof Refusal) return c.html(homePage(err.message), err.status);
      throw err;
    }
    const typed = (form.get('code') ?? '').trim().slice(0, 40);
    const clean = typed.replace(/[^0-9A-Za-z]/g, '');
    if (clean.length !== 8) {
      return c.html(
        homePage('Mã phải gồm đúng 8 chữ và số như in trên phiếu mời (VD: K7QM-4X2P).', { typed }),
        400,
      );
    }
    const challenge = form.get('challenge');
    const nonce = form.get('nonce');
    const proof =
      challenge && nonce
        ? checkProof(config.secret, 'code', 'all', {
            challenge: challenge.slice(0, 300),
            nonce: nonce.slice(0, 64),
          })
        : undefined;
    const bits = proof?.ok ? proof.bits : 0;
    const attempt = await reserveAttempt(db, {
      scope: 'code',
      key: 'all',
      maxForKey: attemptsPaidBy(CODE_CURVE, bits),
      maxForScope: attemptsPaidBy(CODE_CURVE, bits),
      ...(proof?.ok ? { id: `pow:${proof.id}` } : {}),
    });
    if (!attempt) {
      const recent = await recentAttempts(db, 'code', 'all');
      const need = Math.max(bitsFor(CODE_CURVE, recent.forScope), 1);
      return c.html(
        homePage('Đang kiểm tra an toàn trước khi mở phiếu, vui lòng chờ trong giây lát…', {
          typed,
          challenge: issueChallenge(config.secret, 'code', 'all', need),
        }),
        429,
      );
    }
    const invitation = await db
      .selectFrom('invitation')
      .select(['tokenNonce', 'status'])
      .where('shortCodeHash', '=', shortCodeHash(config.secret, clean))
      .executeTakeFirst();
    // A wrong or revoked code stays counted in the budget; only a code that opens a form is not.
    if (!invitation) {
      // A SIPAS one-time code (issue #14), typed by a citizen without a QR scanner: its page
      // says the rest (used, closed). Looked up only after the same budget as a PAR code.
      const sipas = await findSipasCode(db, config.secret, clean);
      if (sipas) {
        if (!sipas.used) await attemptSucceeded(db, attempt);
        return c.redirect(`/c/${printedCode(clean)}`, 303);
      }
      return c.html(
        homePage(
          'Mã không đúng. Vui lòng kiểm tra lại mã in trên phiếu mời hoặc mã góp ý dùng một lần.',
          {
            typed,
          },
        ),
        404,
      );
    }
    if (invitation.status === 'revoked') {
      return c.html(
        homePage(
          'Mã này không còn hiệu lực: phiếu mời đã bị thu hồi. Vui lòng liên hệ cơ quan đã gửi phiếu mời để được cấp phiếu mời mới.',
          { typed },
        ),
        410,
      );
    }
    await attemptSucceeded(db, attempt);
    return c.redirect(linkFor({ ...config, publicUrl: '' }, invitation.tokenNonce), 303);
  });
  return app;
}
