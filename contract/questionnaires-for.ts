import type { Definition } from '../questionnaires';
import type { QuestionnaireView } from './respondent';

export interface UnitRow {
  code: string;
  name: string;
  kind: string;
  /** The former district (or other area) the unit belonged to, if the unit set says. */
  area?: string | null;
}

/** The questionnaires a group answers, each with the units it evaluates, as the form needs them. */
export function questionnairesFor(
  definition: Definition,
  groupCode: string,
  units: UnitRow[],
): QuestionnaireView[] {
  const group = definition.groups.find((g) => g.code === groupCode);
  if (!group) return [];
  const labels = new Map(definition.labelSets.map((l) => [l.code, l.labels]));
  return group.questionnaires.flatMap((id) => {
    const q = definition.questionnaires.find((x) => x.id === id);
    const index = definition.indexes.find((i) => i.code === q?.index);
    if (!q || !index) return [];
    const fieldOf = new Map(
      index.fields.flatMap((f) => f.criteria.map((c) => [c.code, f.code] as const)),
    );
    const usedFields = new Set(q.questions.map((x) => fieldOf.get(x.criterion)));
    return [
      {
        id: q.id,
        title: q.title,
        intro: q.intro,
        mode: q.mode,
        units: units
          .filter((u) => index.unitKinds.includes(u.kind))
          .map(({ code, name, area }) => (area ? { code, name, area } : { code, name })),
        fields: index.fields
          .filter((f) => usedFields.has(f.code))
          .map(({ code, name }) => ({ code, name })),
        questions: q.questions.map((x) => {
          const l = labels.get(x.labelSet);
          return {
            id: x.id,
            text: x.text,
            fieldCode: fieldOf.get(x.criterion) ?? '',
            options: [
              { code: 'A' as const, label: l?.A ?? 'A' },
              { code: 'B' as const, label: l?.B ?? 'B' },
              { code: 'C' as const, label: l?.C ?? 'C' },
              { code: 'D' as const, label: l?.D ?? 'D' },
              { code: 'E' as const, label: definition.dontKnowLabel },
            ],
          };
        }),
        comment: q.comment,
      },
    ];
  });
}
