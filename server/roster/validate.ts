import { type Person, TEMPLATE_EXAMPLE_NOTE } from '../../contract/console/roster';
import type { Group } from '../../questionnaires';
import { type Column, FIELD_LABELS, ROSTER_FIELDS, type RosterField } from './headers';
import type { Match, UnitLike } from './match';
import { capitalizeName, cleanText, foldKey, normalizeEmail, normalizePhone } from './normalize';
import { orList, type Problem, type ProblemCode, type ProblemExtra, problem } from './problems';

/** A respondent as the import would store it. */
export type { Person };

export interface CheckedRow {
  row: number;
  stt: string | null;
  /** The row's cells, cleaned (NFC, spaces), by field: what the preview shows. */
  values: Partial<Record<RosterField, string>>;
  /** Null when an error leaves the row without a group, unit or name. */
  person: Person | null;
  problems: Problem[];
}

export interface RowContext {
  columns: Column[];
  groups: Group[];
  matchGroup: (raw: string) => Match<Group>;
  matchUnit: (raw: string) => Match<UnitLike>;
}

const MAX_NAME = 200;
const MAX_TEXT = 500;

/**
 * The place part of "the same person" (docs/method.md §16): the unit for leaders and civil
 * servants; for delegates the unit their workplace names if it is one, else the text itself.
 */
export function placeKey(
  unitCode: string | null,
  workplace: string | null,
  matchUnit: RowContext['matchUnit'],
): string {
  if (unitCode) return unitCode;
  const m = matchUnit(workplace ?? '');
  return m.kind === 'ok' ? m.value.code : `w:${foldKey(workplace)}`;
}

/** Same normalised name in the same unit and group. */
export function nameKey(p: Person, matchUnit: RowContext['matchUnit']): string {
  return `${foldKey(p.name)}|${p.groupCode}|${placeKey(p.unitCode, p.workplace, matchUnit)}`;
}

/** Reads one row; null for a row with nothing but an STT or a note (numbered empty templates). */
export function checkRow(ctx: RowContext, cells: string[], row: number): CheckedRow | null {
  const values: CheckedRow['values'] = {};
  for (const c of ctx.columns) {
    const v = cleanText(cells[c.index]);
    if (v !== '') values[c.field] = v;
  }
  const filled = ROSTER_FIELDS.filter((f) => f !== 'stt' && f !== 'note' && values[f]);
  if (filled.length === 0) return null;
  const stt = values.stt ?? null;
  const problems: Problem[] = [];
  const add: Add = (code, message, extra) => {
    problems.push(problem(row, stt, code, message, extra));
  };

  // The template's example row, left in: never a person (server/roster/template.ts).
  if (values.note === TEMPLATE_EXAMPLE_NOTE) {
    add('example_row', 'Dòng ví dụ của tệp mẫu: xóa dòng này trước khi nhập.');
  }
  const name = capitalizeName(values.name ?? '');
  if (name === '') add('missing_name', 'Thiếu họ và tên.', { field: 'name' });
  else if (!/\p{L}/u.test(name)) {
    add('invalid_name', `Họ và tên "${name}" không có chữ cái nào.`, { field: 'name' });
  } else if ([...name].length > MAX_NAME) {
    add('too_long', `Họ và tên dài hơn ${MAX_NAME} ký tự.`, { field: 'name' });
  }
  for (const f of ['position', 'unit'] as const) {
    if ([...(values[f] ?? '')].length > MAX_TEXT) {
      add('too_long', `${FIELD_LABELS[f]} dài hơn ${MAX_TEXT} ký tự.`, { field: f });
    }
  }

  const group = matchGroupOf(ctx, values.group, add);
  const place = group ? matchPlaceOf(ctx, group, values.unit, add) : undefined;

  const phone = normalizePhone(values.phone);
  if (phone && !phone.ok) {
    add(
      'invalid_phone',
      phone.reason === 'multiple'
        ? `Ô số điện thoại có nhiều số ("${values.phone}"): chỉ ghi một số di động.`
        : `Số điện thoại "${values.phone}" không hợp lệ: cần 10 chữ số, bắt đầu bằng 0.`,
      { field: 'phone' },
    );
  } else if (phone?.fixed) {
    add(
      'phone_fixed',
      `Số điện thoại "${values.phone}" thiếu số 0 ở đầu (Excel đã bỏ): hiểu là ${phone.phone}.`,
      { field: 'phone' },
    );
  }
  const email = normalizeEmail(values.email);
  if (email && !email.ok) {
    add('invalid_email', `Email "${values.email}" không hợp lệ.`, { field: 'email' });
  }
  if (!phone && !email) {
    add(
      'no_contact',
      'Không có số điện thoại và email: chỉ trao được đường dẫn bằng giấy (mã QR) và không ' +
        'nhắc được qua điện thoại.',
    );
  }

  const valid = problems.every((p) => p.severity !== 'error');
  const person: Person | null =
    valid && group && place
      ? {
          name,
          groupCode: group.code,
          unitCode: place.unitCode,
          workplace: place.workplace,
          position: values.position ?? null,
          phone: phone?.ok ? phone.phone : null,
          email: email?.ok ? email.email : null,
        }
      : null;
  return { row, stt, values, person, problems };
}

type Add = (code: ProblemCode, message: string, extra?: ProblemExtra) => void;

function matchGroupOf(ctx: RowContext, raw: string | undefined, add: Add): Group | undefined {
  const m = ctx.matchGroup(raw ?? '');
  if (m.kind === 'ok') return m.value;
  const all = ctx.groups.map((g) => g.name);
  if (m.kind === 'missing') {
    add('missing_group', `Thiếu nhóm đối tượng: ghi một trong ${orList(all)}.`, {
      field: 'group',
      suggestions: all,
    });
    return undefined;
  }
  const suggestions = m.suggestions.map((g) => g.name);
  add(
    'unknown_group',
    m.kind === 'ambiguous'
      ? `"${raw}" có thể là nhiều nhóm đối tượng: ${orList(suggestions)}. Ghi rõ tên nhóm.`
      : `Không nhận ra nhóm đối tượng "${raw}". ${
          suggestions.length > 0 ? `Có phải ${orList(suggestions)}?` : `Các nhóm: ${orList(all)}.`
        }`,
    { field: 'group', suggestions: suggestions.length > 0 ? suggestions : all },
  );
  return undefined;
}

function matchPlaceOf(
  ctx: RowContext,
  group: Group,
  raw: string | undefined,
  add: Add,
): { unitCode: string | null; workplace: string | null } | undefined {
  const m = ctx.matchUnit(raw ?? '');
  // Delegates work anywhere (the Party committee, the Front, a school): free text is kept.
  if (!group.unitRequired) {
    return { unitCode: null, workplace: m.kind === 'ok' ? m.value.name : (raw ?? null) };
  }
  if (m.kind === 'ok') return { unitCode: m.value.code, workplace: m.value.name };
  if (m.kind === 'missing') {
    add('missing_unit', `Thiếu đơn vị công tác (bắt buộc với nhóm "${group.name}").`, {
      field: 'unit',
    });
    return undefined;
  }
  const suggestions = m.suggestions.map((u) => u.name);
  const hint =
    suggestions.length > 0
      ? ` Có phải ${orList(suggestions)}?`
      : ' Không có đơn vị nào gần giống; kiểm tra lại tên hoặc danh sách đơn vị.';
  add(
    m.kind === 'ambiguous' ? 'ambiguous_unit' : 'unknown_unit',
    m.kind === 'ambiguous'
      ? `"${raw}" có thể là nhiều đơn vị: ghi rõ tên đơn vị.${hint}`
      : `Đơn vị công tác "${raw}" không có trong danh sách đơn vị của đợt khảo sát.${hint}`,
    { field: 'unit', suggestions },
  );
  return undefined;
}
