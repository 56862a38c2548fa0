import { type Context, Hono } from 'hono';
import { NewSipasLink, NewSipasRun } from '../../contract/console/sipas-analysis';
import { currentUser, requireRole } from '../auth/middleware';
import type { CampaignEnv } from '../campaigns/scope';
import type { Db } from '../db/connect';
import { readJson } from '../http';
import { sipasContext } from './analysis-context';
import { daysView } from './days';
import { linkSipasRun, listLinks, unlinkSipas } from './link';
import { createSipasRun, getRunView, listRunsView, lockSipasRun } from './runs';

const analysts = requireRole('admin', 'analyst');

const actor = (c: Context<CampaignEnv>) => ({ user: currentUser(c), ip: c.get('ip') });

/**
 * SIPAS analysis under /api/campaigns (docs/method.md §19): the days table and SIPAS runs
 * (analysts and admins, as PAR runs) and the link of a locked SIPAS run into a PAR campaign's total (analysts and admins).
 */
export function sipasAnalysisRoutes(db: Db) {
  const app = new Hono<CampaignEnv>();

  app.get('/:id/sipas/days', analysts, async (c) =>
    c.json(await daysView(db, await sipasContext(db, c.get('campaign')))),
  );

  app.post('/:id/sipas/runs', analysts, async (c) => {
    const ctx = await sipasContext(db, c.get('campaign'));
    const body = (await c.req.raw.clone().text()).trim()
      ? await readJson(c.req.raw, NewSipasRun)
      : {};
    return c.json(await createSipasRun(db, ctx, body, actor(c)), 201);
  });

  app.get('/:id/sipas/runs', analysts, async (c) =>
    c.json(await listRunsView(db, await sipasContext(db, c.get('campaign')))),
  );

  app.get('/:id/sipas/runs/:run', analysts, async (c) =>
    c.json(
      await getRunView(
        db,
        await sipasContext(db, c.get('campaign')),
        c.req.param('run'),
        currentUser(c).organisationId,
      ),
    ),
  );

  app.post('/:id/sipas/runs/:run/lock', analysts, async (c) => {
    const ctx = await sipasContext(db, c.get('campaign'));
    return c.json(await lockSipasRun(db, ctx, c.req.param('run'), actor(c)));
  });

  app.get('/:id/sipas-link', analysts, async (c) => c.json(await listLinks(db, c.get('campaign'))));

  app.post('/:id/sipas-link', analysts, async (c) => {
    const body = await readJson(c.req.raw, NewSipasLink);
    return c.json(await linkSipasRun(db, c.get('campaign'), body, actor(c)));
  });

  app.delete('/:id/sipas-link/:field', analysts, async (c) => {
    await unlinkSipas(db, c.get('campaign'), c.req.param('field'), actor(c));
    return c.body(null, 204);
  });
  return app;
}
