import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit/log';
import { type AuthEnv, currentUser, requireRole } from '../auth/middleware';
import { toCsv } from '../csv';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { readJson } from '../http';
import { commentsCsv, listComments, redactComment } from './comments';
import { resultsCsv, resultsJsonText, resultsXlsx } from './export';
import {
  CODEBOOK_COLUMNS,
  codebookRows,
  partsOf,
  planRawExport,
  ROWS_PER_PART,
  rawAnswerRows,
  rawAnswersCsvStream,
  rawAnswersXlsx,
} from './raw';
import {
  createRun,
  findRun,
  listRuns,
  loadCampaign,
  lockRun,
  MethodOverrides,
  requireClosed,
  resultsDocument,
  runDistributions,
  submissionsFingerprint,
} from './runs';
import { loadSelfAssessment, runSelfAssessment } from './self-assessment-queries';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NewRun = z.object({ method: MethodOverrides.optional() }).strict();
const Redaction = z.object({ text: z.string().max(10_000) });

const attachment = (name: string, type: string) => ({
  'Content-Type': type,
  'Content-Disposition': `attachment; filename="${name}"`,
});

/**
 * Scoring runs, results, distributions, exports, raw answers and comments, under
 * /api/campaigns. Analysts and admins only (an officer never reads answers or scores), and only
 * once the campaign is closed (domain README, step 10): before that every route here answers
 * 409 `campaign_open`; response counts stay at /tracking.
 */
export function resultsRoutes(db: Db) {
  const app = new Hono<AuthEnv>();
  const analysts = requireRole('admin', 'analyst');

  /** The campaign, closed; 404 or 409 otherwise. */
  async function closed(id: string) {
    const ctx = await loadCampaign(db, id);
    requireClosed(ctx.campaign);
    return ctx;
  }

  app.post('/:id/runs', analysts, async (c) => {
    const { campaign } = await closed(c.req.param('id'));
    // An empty body is an official run; `{ method: {…} }` overrides settings (a trial).
    const body = (await c.req.raw.clone().text()).trim()
      ? await readJson(c.req.raw, NewRun)
      : { method: undefined };
    const user = currentUser(c);
    const started = performance.now();
    const run = await createRun(db, campaign.id, { method: body.method, user });
    const doc = resultsDocument(run, campaign);
    await audit(db, {
      user,
      action: 'scoring_run_created',
      campaignId: campaign.id,
      target: run.id,
      details: {
        official: doc.method.official,
        settings: JSON.parse(run.settings),
        fingerprint: run.fingerprint,
        submissions: run.submissionCount,
        ms: Math.round(performance.now() - started),
      },
      ip: c.get('ip'),
    });
    return c.json(doc, 201);
  });

  app.get('/:id/runs', analysts, async (c) => {
    const { campaign } = await closed(c.req.param('id'));
    const current = await submissionsFingerprint(db, campaign.id);
    const self = (await loadSelfAssessment(db, campaign.id))?.fingerprint ?? null;
    const runs = await listRuns(db, campaign.id);
    return c.json({
      fingerprint: current.fingerprint,
      submissionCount: current.count,
      runs: runs.map((r) => ({
        id: r.id,
        createdAt: r.createdAt,
        createdBy: r.createdByEmail,
        definitionCode: r.definitionCode,
        definitionVersion: r.definitionVersion,
        settings: JSON.parse(r.settings),
        official: r.official === 1,
        trial: r.official !== 1,
        locked: r.lockedAt !== null,
        lockedAt: r.lockedAt,
        lockedBy: r.lockedByEmail,
        fingerprint: r.fingerprint,
        submissionCount: r.submissionCount,
        /** The self-assessment the run's totals used (step 8), null for none. */
        selfAssessment: runSelfAssessment(r),
        /** The run's submissions are still the campaign's. */
        current: r.fingerprint === current.fingerprint,
        /** …and so is its self-assessment: with both, the run can be locked. */
        selfAssessmentCurrent: (runSelfAssessment(r)?.fingerprint ?? null) === self,
      })),
    });
  });

  app.get('/:id/runs/:run', analysts, async (c) => {
    const { campaign } = await closed(c.req.param('id'));
    const run = await findRun(db, campaign.id, c.req.param('run'));
    return c.json(resultsDocument(run, campaign));
  });

  app.post('/:id/runs/:run/lock', analysts, async (c) => {
    const { campaign } = await closed(c.req.param('id'));
    const user = currentUser(c);
    const run = await lockRun(db, campaign.id, c.req.param('run'), user);
    await audit(db, {
      user,
      action: 'scoring_run_locked',
      campaignId: campaign.id,
      target: run.id,
      details: { fingerprint: run.fingerprint },
      ip: c.get('ip'),
    });
    return c.json(resultsDocument(run, campaign));
  });

  app.get('/:id/runs/:run/distributions', analysts, async (c) => {
    const { campaign, definition, units } = await closed(c.req.param('id'));
    const run = await findRun(db, campaign.id, c.req.param('run'));
    const doc = resultsDocument(run, campaign);
    const names = new Map(units.map((u) => [u.code, u.name]));
    const texts = new Map(
      definition.questionnaires.flatMap((q) =>
        q.questions.map((x) => [`${q.id}\u0000${x.id}`, x.text] as const),
      ),
    );
    return c.json({
      runId: run.id,
      minCellSize: doc.method.minCellSize,
      rows: runDistributions(run).map((d) => ({
        ...d,
        unitName: names.get(d.unitCode) ?? d.unitCode,
        questionText: texts.get(`${d.questionnaireId}\u0000${d.questionId}`) ?? '',
        note: d.hidden ? `ẩn (dưới ${doc.method.minCellSize} phiếu)` : null,
      })),
    });
  });

  for (const format of ['json', 'csv', 'xlsx'] as const) {
    app.get(`/:id/runs/:run/export.${format}`, analysts, async (c) => {
      const { campaign, definition } = await closed(c.req.param('id'));
      const run = await findRun(db, campaign.id, c.req.param('run'));
      const doc = resultsDocument(run, campaign);
      await audit(db, {
        user: currentUser(c),
        action: 'results_exported',
        campaignId: campaign.id,
        target: run.id,
        details: { format },
        ip: c.get('ip'),
      });
      const name = `ket-qua-${campaign.id}-${run.id}.${format}`;
      if (format === 'json')
        return c.body(
          resultsJsonText(doc),
          200,
          attachment(name, 'application/json; charset=utf-8'),
        );
      if (format === 'csv')
        return c.body(resultsCsv(doc), 200, attachment(name, 'text/csv; charset=utf-8'));
      const bytes = await resultsXlsx(doc, definition, runDistributions(run));
      return c.body(bytes, 200, attachment(name, XLSX));
    });
  }

  /** The raw export's plan and codebook; the small-group threshold is the campaign's. */
  async function rawExport(id: string) {
    const { campaign, definition, units } = await closed(id);
    const plan = await planRawExport(db, campaign.id, definition.method.minCellSize);
    const { fingerprint } = await submissionsFingerprint(db, campaign.id);
    const parts = partsOf(plan.rows);
    const codebook = codebookRows(definition, units, plan, {
      fingerprint,
      parts,
      perPart: ROWS_PER_PART,
    });
    return { campaign, definition, plan, parts, codebook };
  }

  app.get('/:id/raw-answers.csv', analysts, async (c) => {
    const { campaign, definition, plan, parts } = await rawExport(c.req.param('id'));
    const part = Number(c.req.query('part') ?? '1');
    if (!Number.isInteger(part) || part < 1 || part > parts)
      throw new ApiError(
        404,
        'not_found',
        `Không có phần ${c.req.query('part')} (có ${parts} phần).`,
      );
    await audit(db, {
      user: currentUser(c),
      action: 'raw_answers_exported',
      campaignId: campaign.id,
      details: { format: 'csv', part, rows: plan.rows, leftOut: plan.leftOut.length },
      ip: c.get('ip'),
    });
    const rows = rawAnswerRows(db, campaign.id, definition, plan);
    const suffix = parts > 1 ? `-phan-${part}` : '';
    return c.body(rawAnswersCsvStream(rows, part), 200, {
      ...attachment(`du-lieu-${campaign.id}${suffix}.csv`, 'text/csv; charset=utf-8'),
      'X-Total-Parts': String(parts),
    });
  });

  app.get('/:id/raw-answers-codebook.csv', analysts, async (c) => {
    const { campaign, codebook } = await rawExport(c.req.param('id'));
    return c.body(
      toCsv([...CODEBOOK_COLUMNS], codebook),
      200,
      attachment(`ma-hoa-${campaign.id}.csv`, 'text/csv; charset=utf-8'),
    );
  });

  app.get('/:id/raw-answers.xlsx', analysts, async (c) => {
    const { campaign, definition, plan, codebook } = await rawExport(c.req.param('id'));
    await audit(db, {
      user: currentUser(c),
      action: 'raw_answers_exported',
      campaignId: campaign.id,
      details: { format: 'xlsx', rows: plan.rows, leftOut: plan.leftOut.length },
      ip: c.get('ip'),
    });
    const bytes = await rawAnswersXlsx(rawAnswerRows(db, campaign.id, definition, plan), codebook);
    return c.body(bytes, 200, attachment(`du-lieu-${campaign.id}.xlsx`, XLSX));
  });

  app.get('/:id/comments', analysts, async (c) => {
    const { campaign, definition } = await closed(c.req.param('id'));
    return c.json(await listComments(db, campaign.id, definition));
  });

  app.put('/:id/comments/:commentId', analysts, async (c) => {
    const { campaign } = await closed(c.req.param('id'));
    const { text } = await readJson(c.req.raw, Redaction);
    const commentId = c.req.param('commentId');
    const status = await redactComment(db, campaign.id, commentId, text);
    // The audit says who cleared which comment, never its text.
    await audit(db, {
      user: currentUser(c),
      action: 'comment_redacted',
      campaignId: campaign.id,
      target: commentId,
      details: { status },
      ip: c.get('ip'),
    });
    return c.json({ id: commentId, status });
  });

  app.get('/:id/comments.csv', analysts, async (c) => {
    const { campaign, definition } = await closed(c.req.param('id'));
    const comments = await listComments(db, campaign.id, definition);
    await audit(db, {
      user: currentUser(c),
      action: 'comments_exported',
      campaignId: campaign.id,
      details: {
        cleared: comments.filter((x) => x.status === 'cleared').length,
        pending: comments.filter((x) => x.status === 'pending').length,
      },
      ip: c.get('ip'),
    });
    return c.body(
      commentsCsv(comments),
      200,
      attachment(`y-kien-${campaign.id}.csv`, 'text/csv; charset=utf-8'),
    );
  });

  return app;
}
