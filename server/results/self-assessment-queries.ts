import { createHash } from 'node:crypto';
import type { SelfAssessmentMeta } from '../../contract/results';
import type { Db } from '../db/connect';
import type { ScoringRun } from '../db/schema';
import type { SelfAssessmentSnapshot, UnitSelfAssessment } from './total';

/** Reading a campaign's imported self-assessment (server/results/self-assessment.ts). */

/** The rows of the import, ordered: what the fingerprint is computed over. */
export function fingerprintOf(
  rows: readonly { unitCode: string; fieldCode: string; points: string }[],
) {
  const lines = rows
    .map((r) => `${r.unitCode}\t${r.fieldCode}\t${r.points}\n`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(lines.join('')).digest('hex');
}

/** The campaign's current import, as a run uses it; null when nothing is imported. */
export async function loadSelfAssessment(
  db: Db,
  campaignId: string,
): Promise<SelfAssessmentSnapshot | null> {
  const rows = await db
    .selectFrom('selfAssessment')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .orderBy('unitCode')
    .orderBy('fieldCode')
    .execute();
  if (rows.length === 0) return null;
  const byUnit = new Map<string, { points: string; fields: Map<string, string> }>();
  for (const r of rows) {
    const unit = byUnit.get(r.unitCode) ?? { points: '', fields: new Map<string, string>() };
    if (r.fieldCode === '') unit.points = r.points;
    else unit.fields.set(r.fieldCode, r.points);
    byUnit.set(r.unitCode, unit);
  }
  return {
    // One import, one time: every row of it was written with the same imported_at.
    importedAt: rows[0]?.importedAt ?? '',
    fingerprint: fingerprintOf(rows),
    units: byUnit.size,
    byUnit: byUnit as ReadonlyMap<string, UnitSelfAssessment>,
  };
}

/** What a run recorded of the self-assessment it was computed with; null for none. */
export function runSelfAssessment(
  run: Pick<ScoringRun, 'selfAssessment'>,
): SelfAssessmentMeta | null {
  return run.selfAssessment ? (JSON.parse(run.selfAssessment) as SelfAssessmentMeta) : null;
}
