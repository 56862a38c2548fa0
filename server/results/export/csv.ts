import type { ResultsDocument } from '../../../contract/results';
import { toCsv } from '../../csv';
import {
  exact,
  hiddenNote,
  NO_DATA_NOTE,
  NO_SELF_ASSESSMENT_NOTE,
  nfc,
  points,
  rankOf,
  ranks,
  two,
} from './format';

/** The results CSV of a scoring run: one row per unit × figure. */

export const CSV_COLUMNS = ['unit_code', 'unit_name', 'index', 'figure', 'value', 'note'];

/**
 * Long format: first the run's own figures (`run:…`, no unit), then per unit `survey_score`,
 * `survey_max`, `survey_percent`, `par_index`, `rank`, then step 8's `self_assessment`,
 * `self_assessment_max`, `total_score`, `total_max`, `par_rank` (empty, noted, until the
 * self-assessment is imported), `field:<code>:score|max|percent` (and
 * `field:<code>:self_assessment` where the office gave points per field),
 * `criterion:<code>:score|max|ratio|n_valid|n_excluded`, and
 * `group:<group>:criterion:<code>:n_forms|ratio` (empty, noted "ẩn (dưới k phiếu)", where the
 * small-group rule hides them). UTF-8 with a BOM, so that Excel shows Vietnamese.
 */
export function resultsCsv(doc: ResultsDocument): string {
  const m = doc.method;
  const k = m.minCellSize;
  const rows: Record<string, string | number>[] = [];
  const runRow = (figure: string, value: string | number) =>
    rows.push({
      unit_code: '',
      unit_name: '',
      index: '',
      figure: `run:${figure}`,
      value,
      note: '',
    });
  runRow('id', m.runId);
  runRow('created_at', m.createdAt);
  runRow('definition', `${m.definitionCode}@${m.definitionVersion}`);
  runRow('profile', m.profile);
  runRow('weighting', m.weighting);
  runRow('empty_criterion', m.emptyCriterion);
  runRow('min_cell_size', k);
  runRow('status', m.trial ? 'trial' : m.locked ? 'official_locked' : 'official');
  runRow('fingerprint', doc.fingerprint);
  runRow('submissions', doc.submissionCount);
  runRow('self_assessment_imported_at', doc.selfAssessment?.importedAt ?? '');
  runRow('self_assessment_fingerprint', doc.selfAssessment?.fingerprint ?? '');
  const rank = ranks(doc.units);
  for (const u of doc.units) {
    const row = (figure: string, value: string | number, note = '') =>
      rows.push({ unit_code: u.code, unit_name: nfc(u.name), index: u.index, figure, value, note });
    const t = u.total;
    const noSelf = t ? '' : NO_SELF_ASSESSMENT_NOTE;
    row('survey_score', two(u.surveyScore), u.noData ? NO_DATA_NOTE : '');
    row('survey_max', two(u.maxScore));
    row('survey_percent', two(u.surveyPercent));
    row('par_index', two(u.parIndex), noSelf);
    row('rank', rankOf(rank, u) ?? '', u.noData ? NO_DATA_NOTE : '');
    row('self_assessment', points(t?.selfAssessment ?? null), noSelf);
    row('self_assessment_max', points(t?.selfAssessmentMax ?? null), noSelf);
    row('total_score', points(t?.score ?? null), noSelf);
    row('total_max', points(t?.max ?? null), noSelf);
    row('par_rank', t?.rank ?? '', noSelf || (u.noData ? NO_DATA_NOTE : ''));
    const selfFields = new Map(t?.fields.map((f) => [f.code, f.selfAssessment]));
    for (const f of u.fields) {
      row(`field:${f.code}:score`, two(f.score));
      row(`field:${f.code}:max`, two(f.max));
      row(`field:${f.code}:percent`, two(f.percent));
      const self = selfFields.get(f.code);
      if (self !== undefined) row(`field:${f.code}:self_assessment`, points(self));
    }
    for (const c of u.criteria) {
      const note = c.noData ? NO_DATA_NOTE : '';
      row(`criterion:${c.code}:score`, two(c.score), note);
      row(`criterion:${c.code}:max`, two(c.max));
      row(`criterion:${c.code}:ratio`, exact(c.ratio), note);
      row(`criterion:${c.code}:n_valid`, c.nValid);
      row(`criterion:${c.code}:n_excluded`, c.nExcluded);
    }
    for (const g of u.groups)
      for (const c of g.criteria) {
        const hidden = c.nForms === null ? hiddenNote(k) : '';
        row(`group:${g.code}:criterion:${c.code}:n_forms`, c.nForms ?? '', hidden);
        row(`group:${g.code}:criterion:${c.code}:ratio`, exact(c.ratio), hidden);
      }
  }
  return toCsv(CSV_COLUMNS, rows);
}
