import { Hono } from 'hono';
import { SipasSubmitBody, type SipasView } from '../../contract/sipas';
import { issueChallenge, SIPAS_BITS } from '../auth/proof';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { readJson } from '../http';
import {
  CODE_USED_MESSAGE,
  findSipasCode,
  printedCode,
  requireOpen,
  requirePublicPoint,
  UNKNOWN_CODE_MESSAGE,
} from './answer-queries';
import { answersToday, DEVICE_LIMIT_MESSAGE, submitSipasAnswer } from './answer-submit';
import { sipasView } from './answer-view';
import { proofSubject, readSipasDevice, sipasDevice } from './device';

/** Past this many answers being stored at once, 503 `busy` at once (the form retries). */
const MAX_SUBMITS_IN_FLIGHT = 32;

interface Deps {
  db: Db;
  config: Pick<Config, 'secret' | 'publicUrl'>;
}

/**
 * `/api/p/<point code>`: the public SIPAS form's API (issue #14; docs/contract.md). No session:
 * the device cookie (device.ts) and a proof of work per answer stand in for one.
 */
export function sipasAnswerRoutes({ db, config }: Deps) {
  const app = new Hono();
  const secure = config.publicUrl.startsWith('https://');

  // The questions and a fresh challenge; with `?code=` (the page /c/<code>), what the code allows.
  app.get('/:pointCode', async (c) => {
    const found = await requirePublicPoint(db, c.req.param('pointCode'));
    const now = new Date();
    requireOpen(found.campaign, now);
    const device = sipasDevice(c, config.secret, secure, now.getTime());
    const challenge = issueChallenge(
      config.secret,
      'sipas',
      proofSubject(device, found.point.id),
      SIPAS_BITS,
      now.getTime(),
    );
    const view: SipasView = sipasView(found, challenge);
    const typed = c.req.query('code');
    if (typed !== undefined) {
      const code = await findSipasCode(db, config.secret, typed);
      if (!code || code.pointId !== found.point.id)
        view.refusal = { code: 'unknown_code', message: UNKNOWN_CODE_MESSAGE };
      else if (code.used) view.refusal = { code: 'code_used', message: CODE_USED_MESSAGE };
      else view.code = printedCode(typed);
    } else if (
      found.point.dailyLimit > 0 &&
      (await answersToday(db, config.secret, device, found.point.id, now)) >= found.point.dailyLimit
    ) {
      view.refusal = { code: 'device_limit', message: DEVICE_LIMIT_MESSAGE };
    }
    return c.json(view, 200, { 'Cache-Control': 'no-store' });
  });

  let inFlight = 0;
  app.post('/:pointCode/submit', async (c) => {
    const found = await requirePublicPoint(db, c.req.param('pointCode'));
    const body = await readJson(c.req.raw, SipasSubmitBody);
    if (inFlight >= MAX_SUBMITS_IN_FLIGHT) {
      c.header('Retry-After', '2');
      throw new ApiError(
        503,
        'busy',
        'Máy chủ đang bận. Ý kiến của Ông/Bà vẫn còn trên trang và sẽ tự gửi lại.',
      );
    }
    inFlight++;
    try {
      const device = readSipasDevice(c, config.secret);
      const { receipt, created } = await submitSipasAnswer(db, config.secret, found, body, device);
      return c.json({ receipt }, created ? 201 : 200, { 'Cache-Control': 'no-store' });
    } finally {
      inFlight--;
    }
  });

  return app;
}
