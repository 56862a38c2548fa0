import type { AnswerCount, FormCount, UnitRef } from '../../analysis/types';
import { type Definition, type DefinitionInput, loadDefinition } from '../../questionnaires';

/**
 * A small definition whose numbers are easy to compute by hand:
 * index D (district): F1 = { C1 1.00, C2 0.50 }, F2 = { C3 1.50 }, budget 3.00;
 * index X (communes, matrix): F1 = { X1 2.00 }.
 * G1 (delegates) answers P1: a1→C1, a2→C2, a3→C3, and P3 about every commune: x1→X1.
 * G2 (leaders) answers P2: b1→C1, b2→C1 (two questions on one criterion), b3→C3.
 */
const input: DefinitionInput = {
  code: 'tiny',
  version: 1,
  name: 'Bộ thử',
  year: 2023,
  dontKnowLabel: 'Không biết/Không trả lời',
  indexes: [
    {
      code: 'D',
      name: 'Huyện',
      unitKinds: ['huyen'],
      budget: '3.00',
      fields: [
        {
          code: 'F1',
          name: 'Lĩnh vực 1',
          criteria: [
            { code: 'C1', name: 'Tiêu chí 1', maxPoints: '1.00' },
            { code: 'C2', name: 'Tiêu chí 2', maxPoints: '0.50' },
          ],
        },
        {
          code: 'F2',
          name: 'Lĩnh vực 2',
          criteria: [{ code: 'C3', name: 'Tiêu chí 3', maxPoints: '1.50' }],
        },
      ],
    },
    {
      code: 'X',
      name: 'Xã',
      unitKinds: ['xa', 'thi_tran'],
      budget: '2.00',
      fields: [
        {
          code: 'F1',
          name: 'Lĩnh vực 1',
          criteria: [{ code: 'X1', name: 'X', maxPoints: '2.00' }],
        },
      ],
    },
  ],
  scaleProfiles: [
    { code: 'YB4', name: 'YB4', coefficients: { A: '1.00', B: '0.60', C: '0.20', D: '0.00' } },
    { code: 'LIN4', name: 'LIN4', coefficients: { A: '1', B: '2/3', C: '1/3', D: '0' } },
    { code: 'Q4', name: 'Q4', coefficients: { A: '1.00', B: '0.75', C: '0.50', D: '0.00' } },
  ],
  labelSets: [{ code: 'L', labels: { A: 'Tốt', B: 'Khá', C: 'Trung bình', D: 'Kém' } }],
  groups: [
    { code: 'G1', name: 'Đại biểu', questionnaires: ['P1', 'P3'], unitRequired: false },
    { code: 'G2', name: 'Lãnh đạo', questionnaires: ['P2'], unitRequired: true },
  ],
  questionnaires: [
    questionnaire('P1', 'D', 'single', { a1: 'C1', a2: 'C2', a3: 'C3' }),
    questionnaire('P2', 'D', 'single', { b1: 'C1', b2: 'C1', b3: 'C3' }),
    questionnaire('P3', 'X', 'matrix', { x1: 'X1' }),
  ],
  method: {
    scaleProfile: 'YB4',
    weighting: 'EQUAL_GROUP',
    emptyCriterion: 'ZERO',
    minCellSize: 3,
  },
};

function questionnaire(
  id: string,
  index: string,
  mode: 'single' | 'matrix',
  questions: Record<string, string>,
) {
  return {
    id,
    title: `Phiếu ${id}`,
    intro: 'Xin mời trả lời.',
    index,
    mode,
    questions: Object.entries(questions).map(([qid, criterion]) => ({
      id: qid,
      text: `Câu ${qid}`,
      criterion,
      labelSet: 'L',
    })),
    comment: null,
    demographics: false,
  };
}

export const tiny: Definition = loadDefinition(input);

export const units: UnitRef[] = [
  { code: 'H', name: 'UBND huyện', kind: 'huyen' },
  { code: 'O', name: 'Phòng Nội vụ', kind: 'co_quan' },
  { code: 'X1', name: 'UBND xã Một', kind: 'xa' },
  { code: 'T1', name: 'UBND thị trấn Một', kind: 'thi_tran' },
];

/** Which questionnaire a question of the tiny definition is on. */
const questionnaireOf = (questionId: string) =>
  ({ a: 'P1', b: 'P2', x: 'P3' })[questionId[0] as 'a' | 'b' | 'x'];
const groupOf = (questionId: string) => (questionId.startsWith('b') ? 'G2' : 'G1');

/**
 * Answer counts for one question about one unit, written as on a tally sheet:
 * `tally('a1', '8A 10B 2C 3E')`; the group follows from the questionnaire.
 */
export function tally(questionId: string, spec: string, unitCode = 'H'): AnswerCount[] {
  return spec
    .trim()
    .split(/\s+/)
    .map((part) => {
      const m = /^(\d+)([A-E])$/.exec(part);
      if (!m) throw new Error(`bad tally "${part}"`);
      return {
        unitCode,
        questionnaireId: questionnaireOf(questionId),
        questionId,
        groupCode: groupOf(questionId),
        option: m[2] ?? '',
        n: Number(m[1]),
      };
    });
}

export const forms = (
  groupCode: string,
  criterion: string,
  n: number,
  unitCode = 'H',
): FormCount => ({
  unitCode,
  criterion,
  groupCode,
  n,
});
