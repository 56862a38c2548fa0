import { describe, expect, it } from 'vitest';
import {
  builtInDefinition,
  builtInUnitSet,
  DefinitionError,
  type DefinitionInput,
  loadDefinition,
} from '../../questionnaires';
import honQuan from '../../questionnaires/hon-quan-2023.json' with { type: 'json' };

const base = () => structuredClone(honQuan) as DefinitionInput;

/** The Vietnamese messages a broken definition produces. */
function problemsOf(def: unknown): string[] {
  try {
    loadDefinition(def);
  } catch (err) {
    if (err instanceof DefinitionError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('the built-in Hớn Quản 2023 definition', () => {
  const def = builtInDefinition();

  it('has the five draft questionnaires with their questions', () => {
    expect(def.questionnaires.map((q) => [q.id, q.questions.length, q.mode, q.index])).toEqual([
      ['P01', 20, 'single', 'HUYEN'],
      ['P02', 24, 'single', 'HUYEN'],
      ['P03', 22, 'single', 'HUYEN'],
      ['P04', 20, 'single', 'HUYEN'],
      ['P05', 12, 'matrix', 'XA'],
    ]);
    expect(def.questionnaires[3]?.questions[8]).toEqual({
      id: 'q9',
      text: 'Ông/Bà có đồng ý với nhận định: “Việc phân công, giao việc cho công chức trong cơ quan tôi bảo đảm rõ người, rõ việc, rõ trách nhiệm”?',
      criterion: '4.2',
      labelSet: 'DY',
    });
  });

  it('has both criteria sets, 30.00 and 20.00 points, 8 fields each', () => {
    expect(
      def.indexes.map((i) => [
        i.code,
        i.budget,
        i.fields.length,
        i.fields.flatMap((f) => f.criteria).length,
      ]),
    ).toEqual([
      ['HUYEN', '30.00', 8, 30],
      ['XA', '20.00', 8, 12],
    ]);
  });

  it('assigns the questionnaires to the four groups as the plan does', () => {
    expect(Object.fromEntries(def.groups.map((g) => [g.code, g.questionnaires]))).toEqual({
      HDND_HUYEN: ['P01', 'P05'],
      LD_CQCM_HUYEN: ['P02', 'P05'],
      LD_UBND_XA: ['P03'],
      CC_CQCM_HUYEN: ['P04'],
    });
  });

  it('uses the default method: YB4, EQUAL_GROUP, ZERO, cells of 3', () => {
    expect(def.method).toEqual({
      scaleProfile: 'YB4',
      weighting: 'EQUAL_GROUP',
      groupWeights: {},
      emptyCriterion: 'ZERO',
      minCellSize: 3,
    });
  });

  it('is all NFC text', () => {
    const text = JSON.stringify(def);
    expect(text).toBe(text.normalize('NFC'));
  });

  it('ships the 2023 units: the district, 12 communes, the town and the offices', () => {
    const units = builtInUnitSet().units;
    expect(units.filter((u) => u.kind === 'xa')).toHaveLength(12);
    expect(units.filter((u) => u.kind === 'thi_tran').map((u) => u.name)).toEqual([
      'UBND thị trấn Tân Khai',
    ]);
    expect(units.find((u) => u.kind === 'huyen')?.code).toBe('694');
  });
});

describe('load-time checks', () => {
  it.each([
    [
      'an unknown criterion',
      (d: DefinitionInput) => {
        d.questionnaires[0]!.questions[0]!.criterion = '9.9';
      },
      'questionnaires.P01.questions.q1.criterion: Tiêu chí "9.9" không có trong bộ chỉ số HUYEN',
    ],
    [
      'a budget that does not add up',
      (d: DefinitionInput) => {
        d.indexes[1]!.fields[0]!.criteria[0]!.maxPoints = '2.50';
      },
      'indexes.XA.budget: Tổng điểm tối đa các tiêu chí (20.50) không bằng tổng điểm điều tra của bộ chỉ số (20.00)',
    ],
    [
      'fields’ self-assessment maxima over the self-assessment’s 80',
      (d: DefinitionInput) => {
        d.indexes[1]!.fields[0]!.selfAssessmentMax = '70';
        d.indexes[1]!.fields[7]!.selfAssessmentMax = '10.5';
      },
      'indexes.XA.fields: Tổng điểm tối đa tự đánh giá của những lĩnh vực (80.50) vượt điểm tối đa phần tự đánh giá (100 − 20.00 = 80.00)',
    ],
    [
      'every field’s self-assessment maximum given, not adding up to 70',
      (d: DefinitionInput) => {
        for (const f of d.indexes[0]!.fields) f.selfAssessmentMax = '8';
      },
      'indexes.HUYEN.fields: Tổng điểm tối đa tự đánh giá của các lĩnh vực (64.00) không bằng điểm tối đa phần tự đánh giá (100 − 30.00 = 70.00)',
    ],
    [
      'a duplicate questionnaire id',
      (d: DefinitionInput) => {
        d.questionnaires[1]!.id = 'P01';
      },
      'questionnaires: Trùng mã phiếu "P01"',
    ],
    [
      'a duplicate question id',
      (d: DefinitionInput) => {
        d.questionnaires[0]!.questions[1]!.id = 'q1';
      },
      'questionnaires.P01.questions: Trùng mã câu hỏi "q1"',
    ],
    [
      'a group with no questionnaire',
      (d: DefinitionInput) => {
        d.groups[2]!.questionnaires = [];
      },
      'groups.LD_UBND_XA: Nhóm "Lãnh đạo UBND các xã, thị trấn" chưa được giao phiếu nào',
    ],
    [
      'an unknown label set',
      (d: DefinitionInput) => {
        d.questionnaires[4]!.questions[0]!.labelSet = 'XYZ';
      },
      'questionnaires.P05.questions.q1.labelSet: Bộ nhãn "XYZ" không tồn tại',
    ],
    [
      'coefficients out of order',
      (d: DefinitionInput) => {
        d.scaleProfiles[0]!.coefficients.B = '1.20';
      },
      'scaleProfiles.YB4: Hệ số phải nằm trong khoảng 0 đến 1',
    ],
    [
      'a float where points belong',
      (d: DefinitionInput) => {
        (d.indexes[0]!.fields[0]!.criteria[0] as { maxPoints: unknown }).maxPoints = 1;
      },
      'indexes.0.fields.0.criteria.0.maxPoints: Sai kiểu dữ liệu (cần string)',
    ],
    [
      'a missing field',
      (d: DefinitionInput) => {
        delete (d as Partial<DefinitionInput>).method;
      },
      'method: Thiếu trường bắt buộc',
    ],
  ])('reports %s in Vietnamese', (_what, breakIt, message) => {
    const def = base();
    breakIt(def);
    expect(problemsOf(def)).toContain(message);
  });

  it('reports a criterion no question asks about', () => {
    const def = base();
    def.questionnaires[0]!.questions = def.questionnaires[0]!.questions.filter(
      (q) => q.criterion !== '3.3',
    );
    def.questionnaires[2]!.questions = def.questionnaires[2]!.questions.filter(
      (q) => q.criterion !== '3.3',
    );
    def.questionnaires[3]!.questions = def.questionnaires[3]!.questions.filter(
      (q) => q.criterion !== '3.3',
    );
    expect(problemsOf(def)).toEqual([
      'indexes.HUYEN.LV3.3.3: Tiêu chí "3.3" không có câu hỏi nào khảo sát',
    ]);
  });

  it('lists every problem at once', () => {
    const def = base();
    def.groups[0]!.questionnaires = ['P99'];
    def.method.scaleProfile = 'NOPE';
    expect(problemsOf(def)).toEqual([
      'groups.HDND_HUYEN.questionnaires: Phiếu "P99" không tồn tại',
      'questionnaires.P01: Phiếu "P01" không được giao cho nhóm nào',
      'method.scaleProfile: Thang điểm "NOPE" không tồn tại',
    ]);
  });

  it('takes fields’ self-assessment maxima that share the self-assessment’s maximum', () => {
    const def = base();
    for (const f of def.indexes[0]!.fields) f.selfAssessmentMax = f.code === 'LV8' ? '14' : '8';
    def.indexes[1]!.fields[7]!.selfAssessmentMax = '10';
    const loaded = loadDefinition(def);
    expect(loaded.indexes[0]?.fields.map((f) => f.selfAssessmentMax)).toEqual([
      ...Array(7).fill('8'),
      '14',
    ]);
    expect(loaded.indexes[1]?.fields[0]?.selfAssessmentMax).toBeUndefined();
  });

  it('normalises decomposed Vietnamese to NFC', () => {
    const def = base();
    def.name = 'Hớn Quản 2023'.normalize('NFD');
    expect(loadDefinition(def).name).toBe('Hớn Quản 2023'.normalize('NFC'));
  });
});

describe('messages for empty values', () => {
  it('tell an empty text from an empty list', () => {
    const def = base();
    def.questionnaires[0]!.questions[0]!.text = '   ';
    def.questionnaires[1]!.questions = [];
    const problems = problemsOf(def);
    expect(problems).toContain('questionnaires.0.questions.0.text: Không được để trống');
    expect(problems).toContain('questionnaires.1.questions: Danh sách không được để trống');
  });
});
