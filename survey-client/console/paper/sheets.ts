// The very function the print page and the entry check use (it imports types only), so the
// entry grid shows the questions, units and options exactly as the printed sheet does.
import { questionnairesFor } from '../../../contract/questionnaires-for';
import type { DemographicView, QuestionnaireView } from '../../../contract/respondent';
import type { Definition } from '../../../questionnaires/schema';
import type { UnitInfo } from '../types';

export type { DemographicView, QuestionnaireView };
export type Option = 'A' | 'B' | 'C' | 'D' | 'E';
export const OPTIONS: Option[] = ['A', 'B', 'C', 'D', 'E'];

/** GET /api/campaigns/{id}/definition. */
export interface DefinitionReply {
  editable: boolean;
  definition: Definition;
}

/**
 * The stacks of sheets a paper form can have: one per distinct set of questionnaires among the
 * groups (the printed sheets name their questionnaires, not the group). `groupCode` is any group
 * that answers exactly that set; the server files the form under the serial's own group.
 */
export interface SheetSet {
  groupCode: string;
  /** "Phiếu số 01 + Phiếu số 05". */
  label: string;
  /** The groups that get these sheets. */
  groups: string[];
}

/** "Phiếu số 01: Dành cho …" → "Phiếu số 01". */
export const shortTitle = (title: string) => title.split(':')[0]?.trim() || title;

export function sheetSets(definition: Definition): SheetSet[] {
  const sets = new Map<string, SheetSet>();
  for (const g of definition.groups) {
    const key = g.questionnaires.join('+');
    const found = sets.get(key);
    if (found) {
      found.groups.push(g.name);
      continue;
    }
    const label = g.questionnaires
      .map((id) => shortTitle(definition.questionnaires.find((q) => q.id === id)?.title ?? id))
      .join(' + ');
    sets.set(key, { groupCode: g.code, label, groups: [g.name] });
  }
  return [...sets.values()];
}

/** The set of sheets a group's forms are printed on. */
export function setOf(definition: Definition, sets: SheetSet[], groupCode: string) {
  const printed = (code: string) =>
    definition.groups.find((g) => g.code === code)?.questionnaires.join('+');
  const key = printed(groupCode);
  return key === undefined ? undefined : sets.find((s) => printed(s.groupCode) === key);
}

/** What the sheets of `groupCode` ask, and the optional "Thông tin chung" if any sheet asks it. */
export function sheetsOf(definition: Definition, groupCode: string, units: UnitInfo[]) {
  const questionnaires = questionnairesFor(definition, groupCode, units);
  const asked = questionnaires.some(
    (v) => definition.questionnaires.find((q) => q.id === v.id)?.demographics,
  );
  return { questionnaires, demographics: asked ? definition.demographics : [] };
}

/** One answer cell: a question (of a questionnaire) about a unit. */
export interface Cell {
  key: string;
  questionnaireId: string;
  questionId: string;
  unitCode: string;
}

export const cellKey = (questionnaireId: string, questionId: string, unitCode: string) =>
  `${questionnaireId}|${questionId}|${unitCode}`;

/** Every cell of the sheets in reading order: by question, then (matrix) by unit. */
export function cellsOf(questionnaires: QuestionnaireView[]): Cell[] {
  return questionnaires.flatMap((q) =>
    q.questions.flatMap((question) =>
      q.units.map((u) => ({
        key: cellKey(q.id, question.id, u.code),
        questionnaireId: q.id,
        questionId: question.id,
        unitCode: u.code,
      })),
    ),
  );
}
