import { Hono } from 'hono';
import { adminRoutes } from './auth/admin-routes';
import { type AuthEnv, csrfProtection, sessionMiddleware } from './auth/middleware';
import { authRoutes } from './auth/routes';
import { definitionRoutes } from './campaigns/definition-routes';
import { parOnlyPaths } from './campaigns/kind';
import { lifecycleRoutes } from './campaigns/lifecycle-routes';
import { provinceRoutes } from './campaigns/provinces';
import { purgeRoutes } from './campaigns/purge';
import { campaignRoutes } from './campaigns/routes';
import { campaignScope } from './campaigns/scope';
import { unitImportRoutes } from './campaigns/unit-import-routes';
import type { Config } from './config';
import type { Db } from './db/connect';
import { invitationRoutes } from './invitations/routes';
import { organisationRoutes } from './organisations/routes';
import { paperRoutes } from './paper/routes';
import { parRoutes } from './results/par-routes';
import { resultsRoutes } from './results/routes';
import { manualRosterRoutes } from './roster/manual-routes';
import { rosterRoutes } from './roster/routes';
import { sipasAnalysisRoutes } from './sipas/analysis-routes';
import { sipasPaperRoutes } from './sipas/paper-routes';
import { pointRoutes } from './sipas/point-routes';
import { sampleSizeRoutes } from './sipas/sample-size-routes';
import { trackingRoutes } from './tracking/routes';

interface Deps {
  db: Db;
  config: Pick<Config, 'publicUrl' | 'trustProxy' | 'secret'>;
}

/**
 * The console's API under /api (the respondent's /api/s is mounted apart, before it): every
 * route loads the session, checks CSRF on changes, and checks its role on the server.
 */
export function consoleApi({ db, config }: Deps) {
  const api = new Hono<AuthEnv>();
  api.use(sessionMiddleware(db, config.trustProxy));
  api.use(csrfProtection);
  api.route('/auth', authRoutes(db, config));
  // Every /campaigns/:id… route finds its campaign in c.get('campaign'), loaded once (404 here).
  api.use('/campaigns/:id/*', campaignScope(db));
  // A SIPAS campaign has no roster, links, slips, PAR sheets or PAR runs: 409 wrong_campaign_kind.
  api.use('/campaigns/:id/*', parOnlyPaths());
  api.route('/campaigns', campaignRoutes(db));
  api.route('/campaigns', lifecycleRoutes(db));
  api.route('/campaigns', definitionRoutes(db));
  api.route('/campaigns', purgeRoutes(db));
  api.route('/campaigns', invitationRoutes({ db, config }));
  api.route('/campaigns', trackingRoutes(db));
  api.route('/campaigns', rosterRoutes(db, config));
  api.route('/campaigns', manualRosterRoutes(db, config));
  api.route('/campaigns', unitImportRoutes(db));
  api.route('/campaigns', paperRoutes({ db, config }));
  api.route('/campaigns', resultsRoutes(db));
  api.route('/campaigns', parRoutes(db));
  api.route('/campaigns', pointRoutes({ db, config }));
  api.route('/campaigns', sipasAnalysisRoutes(db));
  api.route('/campaigns', sipasPaperRoutes(db, config));
  api.route('/sample-size', sampleSizeRoutes());
  api.route('/provinces', provinceRoutes());
  api.route('/organisations', organisationRoutes(db));
  api.route('/', adminRoutes(db));
  return api;
}
