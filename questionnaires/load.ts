import type { z } from 'zod';
import { Definition, type DefinitionInput } from './schema';

export interface DefinitionProblem {
  /** Where in the definition, as a dotted path ("questionnaires.P01.questions.q3"). */
  path: string;
  /** What is wrong, in Vietnamese. */
  message: string;
}

/** Thrown when a definition does not load; lists every problem, not only the first. */
export class DefinitionError extends Error {
  constructor(readonly problems: DefinitionProblem[]) {
    super(
      `Định nghĩa bộ chỉ số không hợp lệ:\n${problems.map((p) => `- ${p.path}: ${p.message}`).join('\n')}`,
    );
    this.name = 'DefinitionError';
  }
}

/** Points as an exact integer of ten-thousandths ("1.50" → 15000): budgets add up exactly. */
export function pointsToUnits(points: string): number {
  const [whole = '0', frac = ''] = points.split('.');
  return Number(whole) * 10_000 + Number(`${frac}0000`.slice(0, 4));
}

function unitsToPoints(units: number): string {
  const frac = String(units % 10_000)
    .padStart(4, '0')
    .replace(/0{1,2}$/, '');
  return `${Math.floor(units / 10_000)}.${frac.length < 2 ? frac.padEnd(2, '0') : frac}`;
}

function zodPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.') || '(gốc)';
}

/** Problems of shape, from zod, in Vietnamese. */
export function shapeProblems(error: z.ZodError): DefinitionProblem[] {
  return error.issues.map((issue) => {
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      // zod leaves the input out of issues; its English message still says what it received.
      message = /received undefined/.test(issue.message)
        ? 'Thiếu trường bắt buộc'
        : `Sai kiểu dữ liệu (cần ${issue.expected})`;
    } else if (issue.code === 'invalid_value') {
      message = `Giá trị không hợp lệ; chỉ nhận: ${issue.values.map(String).join(', ')}`;
    } else if (issue.code === 'too_small') {
      message = issue.origin === 'array' ? 'Danh sách không được để trống' : 'Không được để trống';
    } else if (issue.code === 'unrecognized_keys') {
      message = `Trường không xác định: ${issue.keys.join(', ')}`;
    }
    return { path: zodPath(issue.path), message };
  });
}

export function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/** Coefficients as exact numbers for ordering checks only (A ≥ B ≥ C ≥ D, within 0…1). */
export function coefficientValue(c: string): number {
  const [n, d] = c.split('/');
  return d === undefined ? Number(n) : Number(n) / Number(d);
}

/** The checks zod cannot express: references, budgets, uniqueness. */
function meaningProblems(def: Definition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const dupCheck = (what: string, path: string, values: string[]) => {
    for (const d of duplicates(values)) add(path, `Trùng mã ${what} "${d}"`);
  };
  dupCheck(
    'bộ chỉ số',
    'indexes',
    def.indexes.map((i) => i.code),
  );
  dupCheck(
    'thang điểm',
    'scaleProfiles',
    def.scaleProfiles.map((s) => s.code),
  );
  dupCheck(
    'bộ nhãn',
    'labelSets',
    def.labelSets.map((l) => l.code),
  );
  dupCheck(
    'nhóm đối tượng',
    'groups',
    def.groups.map((g) => g.code),
  );
  dupCheck(
    'phiếu',
    'questionnaires',
    def.questionnaires.map((q) => q.id),
  );
  dupCheck(
    'thông tin chung',
    'demographics',
    def.demographics.map((d) => d.key),
  );
  const allCriteria = def.indexes.flatMap((i) =>
    i.fields.flatMap((f) => f.criteria.map((c) => c.code)),
  );
  dupCheck('tiêu chí', 'indexes', allCriteria);
  dupCheck(
    'lĩnh vực',
    'indexes',
    def.indexes.flatMap((i) => i.fields.map((f) => `${i.code}/${f.code}`)),
  );

  for (const index of def.indexes) {
    const total = index.fields.reduce(
      (sum, f) => sum + f.criteria.reduce((s, c) => s + pointsToUnits(c.maxPoints), 0),
      0,
    );
    if (total !== pointsToUnits(index.budget)) {
      add(
        `indexes.${index.code}.budget`,
        `Tổng điểm tối đa các tiêu chí (${unitsToPoints(total)}) không bằng tổng điểm điều tra của bộ chỉ số (${index.budget})`,
      );
    }
  }

  // The fields' self-assessment maxima (where given) share the self-assessment's 100 − budget.
  for (const index of def.indexes) {
    const given = index.fields.flatMap((f) =>
      f.selfAssessmentMax === undefined ? [] : [pointsToUnits(f.selfAssessmentMax)],
    );
    if (given.length === 0) continue;
    const sum = given.reduce((s, v) => s + v, 0);
    const max = 100 * 10_000 - pointsToUnits(index.budget);
    const all = given.length === index.fields.length;
    if (all ? sum !== max : sum > max)
      add(
        `indexes.${index.code}.fields`,
        `Tổng điểm tối đa tự đánh giá của ${all ? 'các' : 'những'} lĩnh vực (${unitsToPoints(sum)}) ${all ? 'không bằng' : 'vượt'} điểm tối đa phần tự đánh giá (100 − ${index.budget} = ${unitsToPoints(max)})`,
      );
  }

  for (const profile of def.scaleProfiles) {
    const k = ['A', 'B', 'C', 'D'].map((o) => coefficientValue(profile.coefficients[o as 'A']));
    if (k.some((v) => v < 0 || v > 1))
      add(`scaleProfiles.${profile.code}`, 'Hệ số phải nằm trong khoảng 0 đến 1');
    if (k.some((v, i) => i > 0 && v > (k[i - 1] ?? 0))) {
      add(`scaleProfiles.${profile.code}`, 'Hệ số phải giảm dần từ A (tốt nhất) đến D');
    }
  }

  const indexByCode = new Map(def.indexes.map((i) => [i.code, i]));
  const labelSets = new Set(def.labelSets.map((l) => l.code));
  const usedCriteria = new Set<string>();
  for (const q of def.questionnaires) {
    const base = `questionnaires.${q.id}`;
    const index = indexByCode.get(q.index);
    if (!index) {
      add(`${base}.index`, `Bộ chỉ số "${q.index}" không tồn tại`);
      continue;
    }
    const criteria = new Set(index.fields.flatMap((f) => f.criteria.map((c) => c.code)));
    for (const d of duplicates(q.questions.map((x) => x.id)))
      add(`${base}.questions`, `Trùng mã câu hỏi "${d}"`);
    for (const question of q.questions) {
      const path = `${base}.questions.${question.id}`;
      if (!criteria.has(question.criterion)) {
        add(
          `${path}.criterion`,
          `Tiêu chí "${question.criterion}" không có trong bộ chỉ số ${index.code}`,
        );
      } else {
        usedCriteria.add(`${index.code}/${question.criterion}`);
      }
      if (!labelSets.has(question.labelSet))
        add(`${path}.labelSet`, `Bộ nhãn "${question.labelSet}" không tồn tại`);
    }
  }
  for (const index of def.indexes) {
    for (const f of index.fields) {
      for (const c of f.criteria) {
        if (!usedCriteria.has(`${index.code}/${c.code}`)) {
          add(
            `indexes.${index.code}.${f.code}.${c.code}`,
            `Tiêu chí "${c.code}" không có câu hỏi nào khảo sát`,
          );
        }
      }
    }
  }

  const questionnaireIds = new Set(def.questionnaires.map((q) => q.id));
  const assigned = new Set<string>();
  for (const g of def.groups) {
    if (g.questionnaires.length === 0)
      add(`groups.${g.code}`, `Nhóm "${g.name}" chưa được giao phiếu nào`);
    for (const id of g.questionnaires) {
      if (!questionnaireIds.has(id))
        add(`groups.${g.code}.questionnaires`, `Phiếu "${id}" không tồn tại`);
      assigned.add(id);
    }
    for (const d of duplicates(g.questionnaires))
      add(`groups.${g.code}.questionnaires`, `Phiếu "${d}" được giao hai lần`);
  }
  for (const q of def.questionnaires) {
    if (!assigned.has(q.id))
      add(`questionnaires.${q.id}`, `Phiếu "${q.id}" không được giao cho nhóm nào`);
  }

  if (!def.scaleProfiles.some((s) => s.code === def.method.scaleProfile)) {
    add('method.scaleProfile', `Thang điểm "${def.method.scaleProfile}" không tồn tại`);
  }
  const groupCodes = new Set(def.groups.map((g) => g.code));
  for (const [code, weight] of Object.entries(def.method.groupWeights)) {
    if (!groupCodes.has(code)) add(`method.groupWeights.${code}`, `Nhóm "${code}" không tồn tại`);
    if (coefficientValue(weight) <= 0)
      add(`method.groupWeights.${code}`, 'Trọng số phải lớn hơn 0');
  }
  return problems;
}

/**
 * Parses and checks an index definition. Text is normalised to NFC first, so that a file saved
 * by a tool that writes decomposed Vietnamese compares equal to what respondents type.
 * @throws DefinitionError listing every problem, each with its path and a Vietnamese message.
 */
export function loadDefinition(input: unknown): Definition {
  const parsed = Definition.safeParse(normalizeNfc(input));
  if (!parsed.success) throw new DefinitionError(shapeProblems(parsed.error));
  const problems = meaningProblems(parsed.data);
  if (problems.length > 0) throw new DefinitionError(problems);
  return parsed.data;
}

export function normalizeNfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(normalizeNfc);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeNfc(v)]));
  }
  return value;
}

export type { DefinitionInput };
