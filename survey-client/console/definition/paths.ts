import type { Definition } from '../../../questionnaires/schema';

/** A problem as PUT /api/campaigns/{id}/definition lists it (questionnaires/load.ts). */
export interface DefinitionProblem {
  path: string;
  message: string;
}

/** Where a problem is: a key the editor's fields look up, and words for the list. */
export interface Place {
  /** "question:P01:q3", "criterion:HUYEN:1.1", "budget:HUYEN", "group:X", "method:weighting"… */
  key: string;
  label: string;
}

const QUESTION_PARTS: Record<string, string> = {
  text: 'nội dung',
  criterion: 'tiêu chí',
  labelSet: 'bộ nhãn',
  id: 'mã',
};
const QUESTIONNAIRE_PARTS: Record<string, string> = {
  title: 'tên phiếu',
  intro: 'lời giới thiệu',
  index: 'bộ chỉ số',
  mode: 'kiểu phiếu',
  comment: 'câu hỏi ý kiến',
  questions: 'câu hỏi',
};
export const METHOD_PARTS: Record<string, string> = {
  scaleProfile: 'Thang điểm',
  weighting: 'Cách gộp các nhóm',
  groupWeights: 'Trọng số nhóm',
  emptyCriterion: 'Tiêu chí không có dữ liệu',
  minCellSize: 'Số phiếu tối thiểu mỗi nhóm',
};

/** An element of a list by position (zod's paths) or by its code (the meaning checks' paths). */
function pick<T>(list: T[], seg: string | undefined, id: (x: T) => string) {
  if (seg === undefined) return undefined;
  if (/^\d+$/.test(seg) && list[Number(seg)])
    return { item: list[Number(seg)] as T, n: Number(seg) };
  const n = list.findIndex((x) => id(x) === seg);
  return n >= 0 ? { item: list[n] as T, n } : undefined;
}

const short = (title: string) => title.split(':')[0]?.trim() || title;

/**
 * Reads a problem's path against the definition that was sent: zod names list items by position
 * ("questionnaires.0.questions.2.text"), the meaning checks by code ("indexes.HUYEN.LV1.1.1",
 * where the criterion "1.1" itself has a dot). Unknown paths keep their raw words.
 */
export function locate(path: string, def: Definition): Place {
  const segs = path.split('.');
  const [head, a, b, c, d, e] = segs;
  if (head === 'questionnaires') {
    const q = pick(def.questionnaires, a, (x) => x.id);
    if (!q) return { key: `questionnaire:${a ?? ''}`, label: `Phiếu ${a ?? ''}` };
    const title = short(q.item.title);
    if (b === 'questions' && c !== undefined) {
      const question = pick(q.item.questions, c, (x) => x.id);
      if (!question) return { key: `questionnaire:${q.item.id}`, label: `${title} › câu ${c}` };
      const part = d ? QUESTION_PARTS[d] : undefined;
      return {
        key: `question:${q.item.id}:${question.item.id}`,
        label: `${title} › Câu ${question.n + 1}${part ? ` › ${part}` : ''}`,
      };
    }
    const part = b ? (QUESTIONNAIRE_PARTS[b] ?? b) : undefined;
    return { key: `questionnaire:${q.item.id}`, label: part ? `${title} › ${part}` : title };
  }
  if (head === 'indexes') {
    const index = pick(def.indexes, a, (x) => x.code);
    if (!index) return { key: 'indexes', label: 'Bộ chỉ số' };
    const name = index.item.name;
    if (b === 'budget')
      return { key: `budget:${index.item.code}`, label: `${name} › Tổng điểm điều tra` };
    if (b === 'fields') {
      const field = pick(index.item.fields, c, (x) => x.code);
      const criterion =
        field && d === 'criteria' ? pick(field.item.criteria, e, (x) => x.code) : undefined;
      if (criterion)
        return {
          key: `criterion:${index.item.code}:${criterion.item.code}`,
          label: `${name} › Tiêu chí ${criterion.item.code}`,
        };
      return {
        key: `index:${index.item.code}`,
        label: `${name} › ${field?.item.name ?? 'lĩnh vực'}`,
      };
    }
    // "indexes.HUYEN.LV1.1.1": a field's code, then a criterion's code (dots and all).
    const field = b ? index.item.fields.find((f) => f.code === b) : undefined;
    const code = segs.slice(3).join('.');
    if (field?.criteria.some((x) => x.code === code))
      return { key: `criterion:${index.item.code}:${code}`, label: `${name} › Tiêu chí ${code}` };
    return { key: `index:${index.item.code}`, label: name };
  }
  if (head === 'groups') {
    const g = pick(def.groups, a, (x) => x.code);
    if (!g) return { key: 'groups', label: 'Nhóm đối tượng' };
    return {
      key: `group:${g.item.code}`,
      label: `${g.item.name}${b === 'questionnaires' ? ' › phiếu được giao' : ''}`,
    };
  }
  if (head === 'method' && a) {
    const group = a === 'groupWeights' && b ? def.groups.find((g) => g.code === b) : undefined;
    return {
      key: `method:${a}${a === 'groupWeights' && b ? `:${b}` : ''}`,
      label: `Cách tính điểm › ${METHOD_PARTS[a] ?? a}${group ? ` › ${group.name}` : b ? ` › ${b}` : ''}`,
    };
  }
  if (head === 'scaleProfiles') {
    const p = pick(def.scaleProfiles, a, (x) => x.code);
    return {
      key: `scale:${p?.item.code ?? a ?? ''}`,
      label: `Thang điểm ${p?.item.code ?? a ?? ''}`,
    };
  }
  if (!path || path === '(gốc)') return { key: 'general', label: 'Chung' };
  return { key: path, label: path };
}
