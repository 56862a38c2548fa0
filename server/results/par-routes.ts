import { Hono } from 'hono';
import { currentUser, requireRole } from '../auth/middleware';
import type { CampaignEnv } from '../campaigns/scope';
import type { Db } from '../db/connect';
import { uploadedForm } from '../upload/read';
import { compareOptions, compareRun } from './compare';
import { comparisonCsv } from './compare-csv';
import { closedCampaign } from './context';
import { attachment, CSV } from './route-kit';
import { describeSelfAssessment, importSelfAssessment } from './self-assessment';

/**
 * The total PAR index and the year-over-year comparison, under /api/campaigns, for analysts and
 * admins: the appraised self-assessment (import, preview, list) and a run compared with the
 * previous campaign's published results.
 */
export function parRoutes(db: Db) {
  const app = new Hono<CampaignEnv>();
  const analysts = requireRole('admin', 'analyst');

  /** multipart/form-data: file, preview ("true" for a dry run that writes nothing). */
  app.post('/:id/self-assessment', analysts, async (c) => {
    const { file, form } = await uploadedForm(
      c,
      'Chưa chọn tệp điểm tự đánh giá đã thẩm định (.xlsx hoặc .csv).',
    );
    const result = await importSelfAssessment(db, c.get('campaign'), file, {
      dryRun: form.preview === 'true',
      user: currentUser(c),
      ip: c.get('ip'),
    });
    return c.json(result, result.committed ? 201 : 200);
  });

  app.get('/:id/self-assessment', analysts, async (c) =>
    c.json(await describeSelfAssessment(db, c.get('campaign'))),
  );

  app.get('/:id/runs/:run/compare-options', analysts, async (c) => {
    const { campaign } = await closedCampaign(db, c.get('campaign'));
    return c.json(
      await compareOptions(db, campaign, c.req.param('run'), currentUser(c).organisationId),
    );
  });

  app.get('/:id/runs/:run/compare', analysts, async (c) => {
    const ctx = await closedCampaign(db, c.get('campaign'));
    const withId = c.req.query('with') || undefined;
    const within = currentUser(c).organisationId;
    return c.json(await compareRun(db, ctx, c.req.param('run'), withId, within));
  });

  /** The same comparison as a CSV, one row per unit, official codes included. */
  app.get('/:id/runs/:run/compare.csv', analysts, async (c) => {
    const ctx = await closedCampaign(db, c.get('campaign'));
    const withId = c.req.query('with') || undefined;
    const within = currentUser(c).organisationId;
    const comparison = await compareRun(db, ctx, c.req.param('run'), withId, within);
    const name = `so-sanh-${ctx.campaign.id}-${comparison.previous.campaign.id}.csv`;
    const names = new Map(ctx.definition.indexes.map((i) => [i.code, i.name]));
    const csv = comparisonCsv(comparison, (code) => names.get(code) ?? code);
    return c.body(csv, 200, attachment(name, CSV));
  });

  return app;
}
