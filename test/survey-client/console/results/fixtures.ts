import { builtInDefinition } from '../../../../questionnaires';
import type {
  CommentView,
  DistributionRow,
  Distributions,
  ResultsDocument,
  RunList,
  RunSummary,
  UnitResult,
} from '../../../../survey-client/console/results/types';

export const definition = builtInDefinition();
export const FINGERPRINT = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';

/** A run of the list; the newest official, current one unless patched. */
export function runSummary(patch: Partial<RunSummary> = {}): RunSummary {
  return {
    id: 'run-official',
    createdAt: '2024-12-20T02:00:00.000Z',
    createdBy: 'phantich@honquan.vn',
    definitionCode: definition.code,
    definitionVersion: definition.version,
    settings: { ...definition.method },
    official: true,
    trial: false,
    locked: false,
    lockedAt: null,
    lockedBy: null,
    fingerprint: FINGERPRINT,
    submissionCount: 120,
    selfAssessment: null,
    current: true,
    selfAssessmentCurrent: true,
    ...patch,
  };
}

export const runList = (runs: RunSummary[]): RunList => ({
  fingerprint: FINGERPRINT,
  submissionCount: 120,
  runs,
});

const huyen = definition.indexes.find((i) => i.code === 'HUYEN')!;
const xa = definition.indexes.find((i) => i.code === 'XA')!;

/**
 * The district, scored: 1.1 is hidden by the small-group rule, 6.3 has no valid answer, the rest
 * of the groups' figures are shown.
 */
export function district(): UnitResult {
  const criteria = huyen.fields.flatMap((f) =>
    f.criteria.map((c) => {
      const max = Number(c.maxPoints);
      const noData = c.code === '6.3';
      return {
        code: c.code,
        score: noData ? 0 : Math.round(max * 0.72 * 100) / 100,
        max,
        ratio: noData ? null : 0.72,
        nValid: noData ? 0 : 40,
        nExcluded: noData ? 5 : 3,
        noData,
      };
    }),
  );
  return {
    code: '694',
    name: 'UBND huyện Hớn Quản',
    index: 'HUYEN',
    surveyScore: 21.35,
    maxScore: 30,
    surveyPercent: 71.17,
    parIndex: null,
    noData: false,
    fields: huyen.fields.map((f, i) => ({
      code: f.code,
      score: 2 + i / 4,
      max: 4,
      percent: i === 5 ? 58.33 : 70 + i,
    })),
    criteria,
    groups: [
      {
        code: 'HDND_HUYEN',
        criteria: [
          { code: '1.1', nForms: null, ratio: null },
          { code: '1.2', nForms: 5, ratio: 0.8 },
        ],
      },
      {
        code: 'LD_UBND_XA',
        criteria: [
          { code: '1.1', nForms: null, ratio: null },
          { code: '1.2', nForms: 12, ratio: 0.64 },
        ],
      },
    ],
  };
}

export function commune(
  code: string,
  name: string,
  surveyScore: number,
  noData = false,
): UnitResult {
  return {
    code,
    name,
    index: 'XA',
    surveyScore,
    maxScore: 20,
    surveyPercent: Math.round(surveyScore * 500) / 100,
    parIndex: null,
    noData,
    fields: xa.fields.map((f) => ({ code: f.code, score: 1, max: 2, percent: 50 })),
    criteria: xa.fields.flatMap((f) =>
      f.criteria.map((c) => ({
        code: c.code,
        score: 1,
        max: Number(c.maxPoints),
        ratio: noData ? null : 0.5,
        nValid: noData ? 0 : 6,
        nExcluded: 1,
        noData,
      })),
    ),
    groups: [
      {
        code: 'HDND_HUYEN',
        criteria: xa.fields.flatMap((f) =>
          f.criteria.map((c) => ({ code: c.code, nForms: 2, ratio: null as number | null })),
        ),
      },
    ],
  };
}

export const communes = () => [
  commune('X-ANPHU', 'UBND xã An Phú', 14.5),
  commune('X-MINHDUC', 'UBND xã Minh Đức', 16.25),
  commune('X-TANHUNG', 'UBND xã Tân Hưng', 14.5),
  commune('X-DONGNO', 'UBND xã Đồng Nơ', 0, true),
  commune('TT-TANKHAI', 'UBND thị trấn Tân Khai', 12),
];

export function resultsDoc(
  run: Partial<ResultsDocument['method']> = {},
  units: UnitResult[] = [district(), ...communes()],
  withheld: ResultsDocument['withheld'] = [],
): ResultsDocument {
  return {
    campaign: { id: 'c2024', name: 'Khảo sát CCHC năm 2024' },
    method: {
      profile: 'YB4',
      weighting: 'EQUAL_GROUP',
      groupWeights: {},
      emptyCriterion: 'ZERO',
      minCellSize: 3,
      definitionCode: definition.code,
      definitionVersion: definition.version,
      runId: 'run-official',
      createdAt: '2024-12-20T02:00:00.000Z',
      official: true,
      trial: false,
      locked: false,
      lockedAt: null,
      ...run,
    },
    fingerprint: FINGERPRINT,
    submissionCount: 120,
    selfAssessment: null,
    units: units.map((u) => ({ officialCode: null, ...u, total: null })),
    withheld,
    paperWaiting: 0,
  };
}

export function distributions(runId = 'run-official'): Distributions {
  const p01 = definition.questionnaires.find((q) => q.id === 'P01')!;
  const rows: DistributionRow[] = p01.questions.slice(0, 3).map((q, i) => ({
    questionnaireId: 'P01',
    questionId: q.id,
    criterion: q.criterion,
    unitCode: '694',
    hidden: i === 0,
    counts: i === 0 ? null : { A: 8, B: 10, C: 2, D: 0, E: 3 },
    total: i === 0 ? null : 23,
    unitName: 'UBND huyện Hớn Quản',
    questionText: q.text,
    note: i === 0 ? 'ẩn (dưới 3 phiếu)' : null,
  }));
  return { runId, minCellSize: 3, rows };
}

export function comment(patch: Partial<CommentView> = {}): CommentView {
  return {
    id: 'cm1',
    groupCode: 'HDND_HUYEN',
    groupName: 'Đại biểu HĐND huyện',
    questionnaireId: 'P01',
    questionnaireTitle: 'Phiếu số 01',
    text: 'Anh Tuấn ở bộ phận một cửa hay gây khó dễ.',
    redactedText: null,
    status: 'pending',
    ...patch,
  };
}

/** What a compared unit carries when no merger is involved: the same unit both years. */
export const sameUnit = {
  officialCode: null,
  comparability: 'same_unit' as const,
  referenceWithheld: null,
  predecessors: [],
  rankAmongComparable: null,
};

/** GET compare: this run against last year's; units and criteria patched in by the test. */
export function comparison(
  patch: Partial<import('../../../../survey-client/console/results/compare').Comparison> = {},
): import('../../../../survey-client/console/results/compare').Comparison {
  const ref = (id: string, name: string, runId: string, year: number) => ({
    campaign: { id, name },
    year,
    runId,
    definitionCode: definition.code,
    definitionVersion: definition.version,
    official: true,
    locked: true,
    lockedAt: '2024-12-21T02:00:00.000Z',
    selfAssessmentImportedAt: null,
  });
  return {
    current: ref('c2024', 'Khảo sát 2024', 'run-official', 2024),
    previous: ref('c2023', 'Khảo sát 2023', 'run-2023', 2023),
    criteria: { shared: [], currentOnly: [], previousOnly: [] },
    acrossMergers: false,
    units: [],
    ...patch,
  };
}

/** GET self-assessment before anything is imported. */
export const noSelfAssessment = {
  campaignId: 'c2024',
  imported: false,
  importedAt: null,
  importedBy: null,
  fingerprint: null,
  units: [],
  missing: [],
};
