import { NewRun } from '../../contract/results';
import { currentUser } from '../auth/middleware';
import type { Db } from '../db/connect';
import { readJson } from '../http';
import { loadLinkedFields, sipasLinksKey } from '../sipas/link';
import { closedCampaign, foundRun } from './context';
import { distributionRows, resultsDocument, runList } from './present';
import { findRun, listRuns, submissionsFingerprint } from './queries';
import { analysts, type ResultsApp } from './route-kit';
import { loadSelfAssessment } from './self-assessment-queries';
import { createRunAudited, lockRunAudited } from './service';

/** Scoring runs: make one, list them, read one, lock one, its distributions. */
export function addRunRoutes(app: ResultsApp, db: Db) {
  app.post('/:id/runs', analysts, async (c) => {
    const { campaign } = await closedCampaign(db, c.get('campaign'));
    // An empty body is an official run; `{ method: {…} }` overrides settings (a trial).
    const body = (await c.req.raw.clone().text()).trim()
      ? await readJson(c.req.raw, NewRun)
      : { method: undefined };
    const actor = { user: currentUser(c), ip: c.get('ip') };
    const run = await createRunAudited(db, campaign, body.method, actor);
    return c.json(resultsDocument(run, campaign), 201);
  });

  app.get('/:id/runs', analysts, async (c) => {
    const { campaign } = await closedCampaign(db, c.get('campaign'));
    const current = await submissionsFingerprint(db, campaign.id);
    const self = (await loadSelfAssessment(db, campaign.id))?.fingerprint ?? null;
    const links = self ? sipasLinksKey((await loadLinkedFields(db, campaign.id)).meta) : '';
    return c.json(runList(await listRuns(db, campaign.id), current, { self, links }));
  });

  app.get('/:id/runs/:run', analysts, async (c) => {
    const { campaign } = await closedCampaign(db, c.get('campaign'));
    const run = foundRun(await findRun(db, campaign.id, c.req.param('run')));
    return c.json(resultsDocument(run, campaign));
  });

  app.post('/:id/runs/:run/lock', analysts, async (c) => {
    const { campaign } = await closedCampaign(db, c.get('campaign'));
    const actor = { user: currentUser(c), ip: c.get('ip') };
    const run = await lockRunAudited(db, campaign, c.req.param('run'), actor);
    return c.json(resultsDocument(run, campaign));
  });

  app.get('/:id/runs/:run/distributions', analysts, async (c) => {
    const { campaign, definition, units } = await closedCampaign(db, c.get('campaign'));
    const run = foundRun(await findRun(db, campaign.id, c.req.param('run')));
    const doc = resultsDocument(run, campaign);
    return c.json(distributionRows(run, doc, definition, units));
  });
}
