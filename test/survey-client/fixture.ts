import type { Draft, QuestionnaireView, SurveyView } from '../../contract/respondent';
import { builtInDefinition, builtInUnitSet } from '../../questionnaires';

/**
 * A SurveyView as the server would build it from the real Hớn Quản 2023 definition: the
 * delegates' group answers P01 (about the district) and P05 (a matrix over 13 communes).
 */
export function surveyView(groupCode = 'HDND_HUYEN', patch: Partial<SurveyView> = {}): SurveyView {
  const def = builtInDefinition();
  const units = builtInUnitSet().units;
  const group = def.groups.find((g) => g.code === groupCode);
  if (!group) throw new Error(`no group ${groupCode}`);
  const questionnaires = group.questionnaires.map((id): QuestionnaireView => {
    const qn = def.questionnaires.find((q) => q.id === id);
    const index = def.indexes.find((i) => i.code === qn?.index);
    if (!qn || !index) throw new Error(`no questionnaire ${id}`);
    const fieldOf = new Map(index.fields.flatMap((f) => f.criteria.map((c) => [c.code, f.code])));
    return {
      id: qn.id,
      title: qn.title,
      intro: qn.intro,
      mode: qn.mode,
      units: units
        .filter((u) => index.unitKinds.includes(u.kind))
        .map((u) => ({ code: u.code, name: u.name })),
      fields: index.fields.map((f) => ({ code: f.code, name: f.name })),
      questions: qn.questions.map((q) => {
        const labels = def.labelSets.find((l) => l.code === q.labelSet)?.labels;
        if (!labels) throw new Error(`no label set ${q.labelSet}`);
        return {
          id: q.id,
          text: q.text,
          fieldCode: fieldOf.get(q.criterion) ?? '',
          options: [
            ...(['A', 'B', 'C', 'D'] as const).map((code) => ({ code, label: labels[code] })),
            { code: 'E' as const, label: def.dontKnowLabel },
          ],
        };
      }),
      comment: qn.comment,
    };
  });
  const asksDemographics = group.questionnaires.some(
    (id) => def.questionnaires.find((q) => q.id === id)?.demographics,
  );
  return {
    campaign: {
      id: 'c1',
      name: 'Khảo sát Chỉ số CCHC năm 2023',
      closesAt: '2023-12-15T10:00:00.000Z',
      contact: { name: 'Phòng Nội vụ huyện Hớn Quản', phone: '0271 3 123 456' },
    },
    group: { code: group.code, name: group.name },
    status: 'open',
    questionnaires,
    demographics: asksDemographics ? def.demographics : [],
    draft: null,
    ...patch,
  };
}

export function questionnaire(view: SurveyView, id: string): QuestionnaireView {
  const qn = view.questionnaires.find((q) => q.id === id);
  if (!qn) throw new Error(`no questionnaire ${id}`);
  return qn;
}

/**
 * A draft answering everything: every P01 question "A", and in each matrix only the `known`
 * units, "B". Handy to reach the review and submit without clicking 200 tiles.
 */
export function completeDraft(view: SurveyView, known: string[], savedAt = 1000): Draft {
  const answers = view.questionnaires.flatMap((qn) => {
    const units = qn.mode === 'matrix' ? qn.units.filter((u) => known.includes(u.code)) : qn.units;
    return qn.questions.flatMap((q) =>
      units.map((u) => ({
        questionnaireId: qn.id,
        questionId: q.id,
        unitCode: u.code,
        option: qn.mode === 'matrix' ? ('B' as const) : ('A' as const),
      })),
    );
  });
  const matrix = view.questionnaires.filter((qn) => qn.mode === 'matrix');
  return {
    answers,
    state: {
      known: Object.fromEntries(matrix.map((qn) => [qn.id, known])),
      screen: 'review',
      savedAt,
    },
  };
}

/** Five former districts of a merged province, in the order the unit set lists them. */
export const AREAS = [
  'Huyện Hớn Quản (cũ)',
  'Huyện Chơn Thành (cũ)',
  'Thị xã Bình Long (cũ)',
  'Huyện Lộc Ninh (cũ)',
  'Huyện Đồng Phú (cũ)',
];
const FIRST =
  'Tân Phú Đồng Minh Thanh An Bình Lộc Mỹ Thuận Long Thành Phước Hòa Quang Nghĩa Đức Thịnh Tiến';
const LAST = ['Hưng', 'Lợi', 'Khai', 'Xuân', 'Đông'];

/**
 * The delegates' view of a 2026 province: P05 over 95 communes, 19 in each former district
 * ("Xã Tân Hưng", "Xã Phú Hưng", … "Xã Tiến Đông"), codes X-<area>-<n>.
 */
export function provinceView(): SurveyView {
  const view = surveyView();
  const units = AREAS.flatMap((area, a) =>
    FIRST.split(' ').map((first, n) => ({
      code: `X-${a}-${String(n).padStart(2, '0')}`,
      name: `Xã ${first} ${LAST[a]}`,
      area,
    })),
  );
  return {
    ...view,
    questionnaires: view.questionnaires.map((qn) => (qn.mode === 'matrix' ? { ...qn, units } : qn)),
  };
}
