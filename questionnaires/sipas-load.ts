import {
  coefficientValue,
  DefinitionError,
  type DefinitionProblem,
  duplicates,
  normalizeNfc,
  shapeProblems,
} from './load';
import { SipasDefinition } from './sipas-schema';

/** Which format a stored definition body is in: `'sipas'` when it says so, else `'par'`. */
export function definitionKind(body: unknown): 'par' | 'sipas' {
  return body !== null && typeof body === 'object' && (body as { kind?: unknown }).kind === 'sipas'
    ? 'sipas'
    : 'par';
}

/** The checks zod cannot express: references, uniqueness, the satisfied levels. */
function sipasProblems(def: SipasDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  for (const d of duplicates(def.scales.map((s) => s.code)))
    add('scales', `Trùng mã thang đo "${d}"`);
  for (const d of duplicates(def.aspects.map((a) => a.code)))
    add('aspects', `Trùng mã khía cạnh "${d}"`);
  // Every question shares one space of ids: an answer row names only its question.
  const ids = [
    ...def.aspects.flatMap((a) => a.elements.map((e) => e.id)),
    ...def.perceptions.map((p) => p.id),
    ...def.choices.map((c) => c.id),
  ];
  for (const d of duplicates(ids)) add('(gốc)', `Trùng mã câu hỏi "${d}"`);

  const scales = new Map(def.scales.map((s) => [s.code, s]));
  for (const scale of def.scales) {
    const path = `scales.${scale.code}`;
    const codes = scale.options.map((o) => o.code);
    for (const d of duplicates(codes)) add(`${path}.options`, `Trùng mã mức "${d}"`);
    if (scale.top >= scale.options.length)
      add(
        `${path}.top`,
        `Số mức tính là hài lòng (${scale.top}) phải nhỏ hơn số mức của thang đo (${scale.options.length})`,
      );
    if (scale.noAnswer && codes.includes(scale.noAnswer.code))
      add(`${path}.noAnswer`, `Mã "${scale.noAnswer.code}" đã là một mức của thang đo`);
  }

  let weights = 0;
  for (const aspect of def.aspects) {
    const path = `aspects.${aspect.code}`;
    weights += coefficientValue(aspect.weight);
    for (const e of aspect.elements)
      if (!scales.has(e.scale))
        add(`${path}.elements.${e.id}.scale`, `Thang đo "${e.scale}" không tồn tại`);
  }
  if (weights <= 0) add('aspects', 'Cần ít nhất một khía cạnh có trọng số lớn hơn 0');

  const aspects = new Set(def.aspects.map((a) => a.code));
  for (const p of def.perceptions) {
    const path = `perceptions.${p.id}`;
    if (!aspects.has(p.aspect)) add(`${path}.aspect`, `Khía cạnh "${p.aspect}" không tồn tại`);
    if (!scales.has(p.scale)) add(`${path}.scale`, `Thang đo "${p.scale}" không tồn tại`);
  }

  for (const c of def.choices) {
    const path = `choices.${c.id}`;
    for (const d of duplicates(c.options.map((o) => o.code)))
      add(`${path}.options`, `Trùng mã phương án "${d}"`);
    if (c.max !== undefined && !c.multiple)
      add(`${path}.max`, 'Chỉ câu hỏi chọn nhiều phương án mới có số lựa chọn tối đa');
    if (c.max !== undefined && c.max > c.options.length)
      add(
        `${path}.max`,
        `Số lựa chọn tối đa (${c.max}) lớn hơn số phương án (${c.options.length})`,
      );
  }
  return problems;
}

/**
 * Parses and checks a SIPAS definition (text normalised to NFC first, like `loadDefinition`).
 * @throws DefinitionError listing every problem, each with its path and a Vietnamese message.
 */
export function loadSipasDefinition(input: unknown): SipasDefinition {
  const parsed = SipasDefinition.safeParse(normalizeNfc(input));
  if (!parsed.success) {
    // The PAR wording says only "not empty"; a scale's bounds (2…11 levels) say themselves.
    const issues = parsed.error.issues;
    throw new DefinitionError(
      shapeProblems(parsed.error).map((p, i) => {
        const issue = issues[i];
        const bounded =
          (issue?.code === 'too_small' && Number(issue.minimum) > 1) || issue?.code === 'too_big';
        return bounded ? { ...p, message: issue.message } : p;
      }),
    );
  }
  const problems = sipasProblems(parsed.data);
  if (problems.length > 0) throw new DefinitionError(problems);
  return parsed.data;
}
