import { createHash, randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { builtInDefinition, builtInUnitSet } from '../../questionnaires';
import { createCampaign } from '../../server/campaigns/service';
import { migrateToLatest, openDb, openSqlite } from '../../server/db/connect';

/**
 * The baseline of the submissions benchmark: the same Node, tsx, Hono and @hono/node-server as
 * the product, and one route at the product's path, POST /api/s/:token/submit, that parses the
 * JSON body and inserts the rows the product writes for it (the submission, its answers, its
 * comments and demographics) with prepared better-sqlite3 statements in one transaction, into a
 * database with the product's schema and pragmas. Nothing else: no body limit, no validation, no
 * token, invitation or campaign lookup, no retry detection, no tallies, no middleware.
 *
 *   PORT=… DATABASE_URL=/tmp/x.sqlite node --import tsx bench/baseline/server.ts
 *
 * GET /api/health answers as the product's does (the benchmark waits on it), with the process's
 * CPU time so that the benchmark can tell a busy server from a busy load generator.
 */

/** The benchmark's submitters are office leaders of the district's office of home affairs. */
const GROUP = 'LD_CQCM_HUYEN';
const CAMPAIGN_ID = 'bench-baseline';

interface Body {
  answers: { questionnaireId: string; questionId: string; unitCode: string; option: string }[];
  comments?: Record<string, string>;
  demographics?: Record<string, string>;
}

const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT);
if (!url || url === ':memory:' || !port) throw new Error('PORT and a file DATABASE_URL, please');

// Setup, not measured: the project's migrations on a fresh file, and a campaign, since a
// submission's and a comment's campaign_id must name one (foreign keys are on).
const setup = openDb(url);
await migrateToLatest(setup);
await createCampaign(setup, {
  id: CAMPAIGN_ID,
  name: 'Benchmark: baseline',
  definition: builtInDefinition(),
  unitSet: builtInUnitSet(),
  opensAt: new Date(Date.now() - 86_400_000).toISOString(),
  closesAt: new Date(Date.now() + 86_400_000).toISOString(),
});
await setup.destroy();

// The product's own connection and pragmas (openDb's), without Kysely.
const sqlite = openSqlite(url);

const insertSubmission = sqlite.prepare(
  'INSERT INTO submission (id, campaign_id, group_code, content_hash) VALUES (?, ?, ?, ?)',
);
const insertAnswer = sqlite.prepare(
  'INSERT INTO answer (submission_id, campaign_id, group_code, questionnaire_id, question_id, unit_code, option) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const insertComment = sqlite.prepare(
  'INSERT INTO comment (id, campaign_id, group_code, questionnaire_id, text) VALUES (?, ?, ?, ?, ?)',
);
const insertDemographic = sqlite.prepare(
  'INSERT INTO demographic (submission_id, key, value) VALUES (?, ?, ?)',
);

/** The product's rows for one form: one transaction, a fresh random id as the product makes. */
const store = sqlite.transaction((body: Body, text: string) => {
  const id = randomBytes(16).toString('base64url');
  // A content hash of the same length; over the raw body, not the sorted answers.
  const hash = createHash('sha256').update(id).update(text).digest('base64url');
  insertSubmission.run(id, CAMPAIGN_ID, GROUP, hash);
  for (const a of body.answers)
    insertAnswer.run(id, CAMPAIGN_ID, GROUP, a.questionnaireId, a.questionId, a.unitCode, a.option);
  for (const [questionnaireId, comment] of Object.entries(body.comments ?? {}))
    if (comment.trim() !== '')
      insertComment.run(
        randomBytes(16).toString('base64url'),
        CAMPAIGN_ID,
        GROUP,
        questionnaireId,
        comment,
      );
  for (const [key, value] of Object.entries(body.demographics ?? {}))
    if (value !== '') insertDemographic.run(id, key, value);
});

const app = new Hono();
app.post('/api/s/:token/submit', async (c) => {
  const text = await c.req.text();
  store(JSON.parse(text) as Body, text);
  return c.json({ receipt: randomBytes(12).toString('base64url') }, 201);
});
app.get('/api/health', (c) => c.json({ ok: true, cpu: process.cpuUsage() }));

const server = serve({ fetch: app.fetch, port });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => {
      sqlite.close();
      process.exit(0);
    });
  });
}
