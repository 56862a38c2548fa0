import { type Context, Hono } from 'hono';
import {
  MAX_SIPAS_PAPER_COPIES,
  type SipasPaperDesk,
  SipasPaperEntry,
} from '../../contract/console/sipas-analysis';
import { audit } from '../audit/log';
import { currentUser, requireRole } from '../auth/middleware';
import { campaignPhase } from '../campaigns/phase';
import type { CampaignEnv } from '../campaigns/scope';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { readJson } from '../http';
import { createSerials } from '../paper/service';
import { sipasContext } from './analysis-context';
import { questionsOf } from './answer-view';
import { enterSipasPaper, lookupSipasSerial, SIPAS_PAPER_GROUP, sipasLocked } from './paper-entry';
import { SIPAS_PAPER_PAGES, sipasPaperPage } from './paper-print';
import { requirePoint } from './points';

const staff = requireRole('admin', 'officer');
const actor = (c: Context<CampaignEnv>) => ({ user: currentUser(c), ip: c.get('ip') });

/** How many paper forms of the campaign were entered, and how many printed serials wait. */
async function paperCounts(db: Db, campaignId: string) {
  const rows = await db
    .selectFrom('paperSerial')
    .select(['entered', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', campaignId)
    .where('groupCode', '=', SIPAS_PAPER_GROUP)
    .groupBy('entered')
    .execute();
  const n = (entered: number) => Number(rows.find((r) => Number(r.entered) === entered)?.n ?? 0);
  return { entered: n(1), waiting: n(0) };
}

/** `copies=` of the print: a whole number from 1 to the maximum, else 400 invalid_query. */
function copiesOf(asked: string | undefined): number {
  const copies = Number(asked ?? '1');
  if (!/^\d{1,4}$/.test(asked ?? '1') || copies < 1 || copies > MAX_SIPAS_PAPER_COPIES)
    throw new ApiError(
      400,
      'invalid_query',
      `Số bản in (copies) là số nguyên từ 1 đến ${MAX_SIPAS_PAPER_COPIES}.`,
    );
  return copies;
}

/**
 * SIPAS paper forms (issue #14.5), officers and admins as PAR paper: what the console's «Phiếu
 * giấy» tab shows (the questions, counts), the printable A4 form with a fresh serial a copy
 * (the PAR sheets' serials: server/paper/serial.ts), and the entry of one typed-in form.
 */
export function sipasPaperRoutes(db: Db, config: Pick<Config, 'secret' | 'publicUrl'>) {
  const app = new Hono<CampaignEnv>();

  app.get('/:id/sipas/paper', staff, async (c) => {
    const ctx = await sipasContext(db, c.get('campaign'));
    return c.json({
      questions: questionsOf(ctx.definition),
      pagesPerForm: SIPAS_PAPER_PAGES,
      maxCopies: MAX_SIPAS_PAPER_COPIES,
      ...(await paperCounts(db, ctx.campaign.id)),
      locked: await sipasLocked(db, ctx.campaign.id),
    } satisfies SipasPaperDesk);
  });

  app.get('/:id/sipas/paper/print', staff, async (c) => {
    const ctx = await sipasContext(db, c.get('campaign'));
    const { campaign } = ctx;
    const copies = copiesOf(c.req.query('copies'));
    if (campaignPhase(campaign) === 'closed')
      throw new ApiError(410, 'closed', 'Đợt khảo sát đã kết thúc; không in thêm phiếu giấy.');
    const pointId = c.req.query('point');
    const point = pointId ? await requirePoint(db, campaign.id, pointId) : null;
    const unitName = point
      ? (ctx.units.find((u) => u.code === point.unitCode)?.name ?? point.unitCode)
      : '';
    const serials = await createSerials(
      db,
      config.secret,
      campaign.id,
      Array.from({ length: copies }, () => SIPAS_PAPER_GROUP),
    );
    // How many, never which serials.
    await audit(db, {
      user: currentUser(c),
      action: 'sipas_paper_printed',
      campaignId: campaign.id,
      ...(point ? { target: point.id } : {}),
      details: { count: copies },
      ip: c.get('ip'),
    });
    return c.html(
      sipasPaperPage({
        campaignName: campaign.name,
        point: point ? { name: point.name, unitName } : null,
        questions: questionsOf(ctx.definition),
        serials,
        publicUrl: config.publicUrl,
      }),
      200,
      { 'Cache-Control': 'no-store' },
    );
  });

  app.get('/:id/sipas/paper/serials/:serial', staff, async (c) => {
    const { campaign } = await sipasContext(db, c.get('campaign'));
    return c.json(await lookupSipasSerial(db, config.secret, campaign.id, c.req.param('serial')));
  });

  app.post('/:id/sipas/paper', staff, async (c) => {
    const ctx = await sipasContext(db, c.get('campaign'));
    const body = await readJson(c.req.raw, SipasPaperEntry);
    return c.json(await enterSipasPaper(db, config.secret, ctx, body, actor(c)), 201);
  });

  return app;
}
