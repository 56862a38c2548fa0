import { audit } from '../audit/log';
import { currentUser } from '../auth/middleware';
import { toCsv } from '../csv';
import type { Db } from '../db/connect';
import type { Campaign } from '../db/schema';
import { ApiError } from '../errors';
import { closedCampaign, foundRun } from './context';
import { resultsCsvForPeople } from './export/csv-people';
import { resultsJsonText } from './export/format';
import { forIndex } from './export/one-index';
import { officialCodesOf, resultsXlsx } from './export/workbook';
import { resultsDocument, runDistributions } from './present';
import { findRun, submissionsFingerprint } from './queries';
import {
  CODEBOOK_COLUMNS,
  CODEBOOK_HEADINGS,
  partsOf,
  planRawExport,
  ROWS_PER_PART,
  rawAnswerRows,
  rawAnswersCsvStream,
  rawAnswersXlsx,
} from './raw';
import { codebookRows } from './raw-codebook';
import { analysts, attachment, CSV, type ResultsApp, XLSX } from './route-kit';

/** The raw export's plan and codebook; the small-group threshold is the campaign's. */
async function rawExport(db: Db, scoped: Campaign) {
  const { campaign, definition, units } = await closedCampaign(db, scoped);
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

/** A run's results as JSON, CSV and Excel; the raw answers and their codebook. Audited. */
export function addExportRoutes(app: ResultsApp, db: Db) {
  for (const format of ['json', 'csv', 'xlsx'] as const) {
    app.get(`/:id/runs/:run/export.${format}`, analysts, async (c) => {
      const { campaign, definition, units } = await closedCampaign(db, c.get('campaign'));
      const run = foundRun(await findRun(db, campaign.id, c.req.param('run')));
      // `?index=XA`: one index's units only (a province files departments and communes apart).
      const one = forIndex(
        resultsDocument(run, campaign),
        definition,
        format === 'xlsx' ? runDistributions(run) : [],
        c.req.query('index'),
      );
      const { doc } = one;
      await audit(db, {
        user: currentUser(c),
        action: 'results_exported',
        campaignId: campaign.id,
        target: run.id,
        details: one.index ? { format, index: one.index.code } : { format },
        ip: c.get('ip'),
      });
      const name = `ket-qua-${campaign.id}-${run.id}${one.index ? `-${one.index.code}` : ''}.${format}`;
      if (format === 'json')
        return c.body(
          resultsJsonText(doc),
          200,
          attachment(name, 'application/json; charset=utf-8'),
        );
      if (format === 'csv')
        return c.body(resultsCsvForPeople(doc, one.definition), 200, attachment(name, CSV));
      const bytes = await resultsXlsx(
        doc,
        one.definition,
        one.distributions,
        officialCodesOf(units),
      );
      return c.body(bytes, 200, attachment(name, XLSX));
    });
  }

  app.get('/:id/raw-answers.csv', analysts, async (c) => {
    const { campaign, definition, plan, parts } = await rawExport(db, c.get('campaign'));
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
      ...attachment(`du-lieu-${campaign.id}${suffix}.csv`, CSV),
      'X-Total-Parts': String(parts),
    });
  });

  app.get('/:id/raw-answers-codebook.csv', analysts, async (c) => {
    const { campaign, codebook } = await rawExport(db, c.get('campaign'));
    return c.body(
      toCsv(
        CODEBOOK_COLUMNS.map((c) => CODEBOOK_HEADINGS[c]),
        codebook.map((r) => ({
          [CODEBOOK_HEADINGS.section]: r.section,
          [CODEBOOK_HEADINGS.code]: r.code,
          [CODEBOOK_HEADINGS.description]: r.description,
        })),
      ),
      200,
      attachment(`ma-hoa-${campaign.id}.csv`, CSV),
    );
  });

  app.get('/:id/raw-answers.xlsx', analysts, async (c) => {
    const { campaign, definition, plan, codebook } = await rawExport(db, c.get('campaign'));
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
}
