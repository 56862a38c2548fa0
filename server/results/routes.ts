import { Hono } from 'hono';
import type { CampaignEnv } from '../campaigns/scope';
import type { Db } from '../db/connect';
import { addCommentRoutes } from './comment-routes';
import { addExportRoutes } from './export-routes';
import { addRunRoutes } from './run-routes';

/**
 * Scoring runs, results, distributions, exports, raw answers and comments, under
 * /api/campaigns. Analysts and admins only (an officer never reads answers or scores), and only
 * once the campaign is closed (docs/method.md §11): before that every route here answers
 * 409 `campaign_open`; response counts stay at /tracking.
 */
export function resultsRoutes(db: Db) {
  const app = new Hono<CampaignEnv>();
  addRunRoutes(app, db);
  addExportRoutes(app, db);
  addCommentRoutes(app, db);
  return app;
}
