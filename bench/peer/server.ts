import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { FORM_PAGE_HEADERS, mountClient, securityHeaders } from '../../server/static';

/**
 * The SurveyJS page's server, run by the benchmark as a child process like server/main.ts:
 * the product's HTTP stack for what a first load touches. Same @hono/node-server, the same
 * security headers and `compress()` as server/app.ts, /assets through server/static.ts's own
 * mountClient (one-year immutable cache), `/s/:token` with the form page's Cache-Control and
 * Content-Security-Policy, and `/api/s/:token` answering the SurveyJS JSON with `no-store` as
 * server/respondent/routes.ts answers the SurveyView.
 *
 * Environment: PORT, PEER_CLIENT_DIR (the vite build), PEER_SURVEY_FILE (the SurveyJS JSON),
 * PEER_TOKEN (the one link it answers).
 */
const port = Number(process.env.PORT);
const clientDir = process.env.PEER_CLIENT_DIR ?? '';
const survey: unknown = JSON.parse(readFileSync(process.env.PEER_SURVEY_FILE ?? '', 'utf8'));
const token = process.env.PEER_TOKEN ?? '';

const app = new Hono();
app.use(securityHeaders);
app.use(compress());
app.get('/api/health', (c) => c.json({ ok: true }));
app.get('/api/s/:token', (c) =>
  c.req.param('token') === token
    ? c.json(survey, 200, { 'Cache-Control': 'no-store' })
    : c.json({ error: { code: 'not_found', message: 'Không tìm thấy' } }, 404),
);
const page = mountClient(app, clientDir);
app.get('/s/:token', (c) => c.html(page('index.html'), 200, FORM_PAGE_HEADERS));

const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(`SurveyJS peer on port ${info.port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
