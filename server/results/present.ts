import type {
  Distribution,
  Distributions,
  ResultsDocument,
  RunList,
  RunUnitResult,
  WithheldUnit,
} from '../../contract/results';
import type { Definition, Method } from '../../questionnaires';
import type { Campaign, ScoringRun } from '../db/schema';
import { sipasLinksKey } from '../sipas/link';
import type { RunListRow } from './queries';
import { runSelfAssessment } from './self-assessment-queries';

/** What the results routes answer, built from stored runs (docs/method.md §10). */

/** Official or trial, locked or not (docs/method.md §10). */
const runStatus = (run: Pick<ScoringRun, 'official' | 'lockedAt'>) => ({
  official: run.official === 1,
  trial: run.official !== 1,
  locked: run.lockedAt !== null,
  lockedAt: run.lockedAt,
});

/** The contract's results JSON of a stored run. */
export function resultsDocument(
  run: ScoringRun,
  campaign: Pick<Campaign, 'id' | 'name'>,
): ResultsDocument {
  const method = JSON.parse(run.settings) as Method;
  return {
    campaign: { id: campaign.id, name: campaign.name.normalize('NFC') },
    method: {
      profile: method.scaleProfile,
      weighting: method.weighting,
      groupWeights: method.groupWeights,
      emptyCriterion: method.emptyCriterion,
      minCellSize: method.minCellSize,
      definitionCode: run.definitionCode,
      definitionVersion: run.definitionVersion,
      runId: run.id,
      createdAt: run.createdAt,
      ...runStatus(run),
    },
    fingerprint: run.fingerprint,
    submissionCount: run.submissionCount,
    selfAssessment: runSelfAssessment(run),
    // Runs stored before step 8 was implemented have no `total`: they read as none imported;
    // runs stored before units had official codes have none.
    units: (JSON.parse(run.results) as RunUnitResult[]).map((u) => ({
      ...u,
      officialCode: u.officialCode ?? null,
      total: u.total ?? null,
    })),
    withheld: run.withheld ? (JSON.parse(run.withheld) as WithheldUnit[]) : [],
    paperWaiting: run.paperWaiting ?? 0,
  };
}

export function runDistributions(run: ScoringRun): Distribution[] {
  return JSON.parse(run.distributions) as Distribution[];
}

/**
 * GET runs: the campaign's runs without their results, each said current or not against the
 * campaign's submissions and self-assessment now.
 */
export function runList(
  rows: readonly RunListRow[],
  current: { fingerprint: string; count: number },
  /** The self-assessment's fingerprint now and its SIPAS links' key (`sipasLinksKey`). */
  now: { self: string | null; links: string },
): RunList {
  return {
    fingerprint: current.fingerprint,
    submissionCount: current.count,
    runs: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      createdBy: r.createdByEmail,
      definitionCode: r.definitionCode,
      definitionVersion: r.definitionVersion,
      settings: JSON.parse(r.settings),
      ...runStatus(r),
      lockedBy: r.lockedByEmail,
      fingerprint: r.fingerprint,
      submissionCount: r.submissionCount,
      /** The self-assessment the run's totals used (step 8), null for none. */
      selfAssessment: runSelfAssessment(r),
      /** The run's submissions are still the campaign's. */
      current: r.fingerprint === current.fingerprint,
      /**
       * …and so is its self-assessment, with the fields it takes from SIPAS (§19.5): with
       * both, the run can be locked.
       */
      selfAssessmentCurrent:
        (runSelfAssessment(r)?.fingerprint ?? null) === now.self &&
        sipasLinksKey(runSelfAssessment(r)?.sipas ?? []) === now.links,
    })),
  };
}

/** GET …/distributions: a run's distributions with unit names and question texts. */
export function distributionRows(
  run: ScoringRun,
  doc: ResultsDocument,
  definition: Definition,
  units: readonly { code: string; name: string }[],
): Distributions {
  const names = new Map(units.map((u) => [u.code, u.name]));
  const texts = new Map(
    definition.questionnaires.flatMap((q) =>
      q.questions.map((x) => [`${q.id}\u0000${x.id}`, x.text] as const),
    ),
  );
  return {
    runId: run.id,
    minCellSize: doc.method.minCellSize,
    rows: runDistributions(run).map((d) => ({
      ...d,
      unitName: names.get(d.unitCode) ?? d.unitCode,
      questionText: texts.get(`${d.questionnaireId}\u0000${d.questionId}`) ?? '',
      note: d.hidden ? `ẩn (dưới ${doc.method.minCellSize} phiếu)` : null,
    })),
  };
}
