import { add, compare, parseFraction, ZERO } from '../../analysis/fraction';
import type {
  SelfAssessmentProblem,
  SelfAssessmentProblemCode,
} from '../../contract/console/self-assessment';
import type { Definition } from '../../questionnaires';
import { ApiError } from '../errors';
import { type UnitLike, unitMatcher } from '../roster/match';
import { cleanText, foldKey } from '../roster/normalize';
import { orList } from '../roster/problems';
import type { Sheet } from '../roster/read';
import {
  fieldHeaders,
  HEADER_SEARCH_ROWS,
  mapHeader,
  type SelfAssessmentColumn,
  usable,
} from './self-assessment-headers';
import { decimalText, selfAssessmentMax, spoken } from './total';

/**
 * Reading the appraisal council's sheet of self-assessment points (docs/method.md §9): a unit
 * column ("Mã đơn vị" and/or "Đơn vị", names however written), the appraised points ("Điểm tự
 * đánh giá đã thẩm định", "Điểm") and optionally one column per field ("LV1"…"LV8"). Pure: the
 * sheet in, the rows and every problem by row number out; nothing is guessed.
 */

export type { SelfAssessmentColumn, SelfAssessmentProblem, SelfAssessmentProblemCode };

export interface SelfAssessmentRowValue {
  row: number;
  unitCode: string;
  unitName: string;
  index: string;
  /** Decimal text, at least 2 decimals ("60.50"). */
  points: string;
  /** The maximum: 100 − the index's survey budget. */
  max: string;
  /** Field code → points, in the definition's field order; empty when not given. */
  fields: Map<string, string>;
}

/** Appraisals are in hundredths; a fifth decimal is a formula's hidden digits, not a score. */
const MAX_DECIMALS = 4;

export interface ReadResult {
  headerRow: number;
  columns: { header: string; column: SelfAssessmentColumn }[];
  rows: SelfAssessmentRowValue[];
  problems: SelfAssessmentProblem[];
}

/**
 * Reads a number as offices write it: "60.5", "60,5" (the Vietnamese decimal comma), "70". The
 * result is decimal text with at least 2 decimals; null when it is not a number this method
 * takes (negative, exponent, thousands separators, more than 4 decimals).
 */
export function readPoints(raw: string, format: Sheet['format']): string | null {
  let text = cleanText(raw).replace(/ /g, '');
  if (!text.includes('.') && (text.match(/,/g) ?? []).length === 1) text = text.replace(',', '.');
  // A number cell of a workbook arrives as JavaScript writes the double ("60.300000000000004"
  // for =60.1+0.2); Excel keeps and shows 15 significant digits, so that is the cell's value.
  if (format === 'xlsx' && /^\d+\.\d{5,}$/.test(text))
    text = String(Number(Number(text).toPrecision(15)));
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const whole = (m[1] ?? '0').replace(/^0+(?=\d)/, '');
  const decimals = (m[2] ?? '').replace(/0+$/, '');
  if (decimals.length > MAX_DECIMALS) return null;
  return `${whole}.${decimals.padEnd(2, '0')}`;
}

/**
 * Reads the rows below the header: every evaluated unit once, with its appraised points (and
 * fields), or a problem with the row number. `units` is the campaign's unit set; only the
 * units an index of `definition` rates may have a self-assessment.
 * @throws ApiError 422 `self_assessment_columns_missing` when no header names a unit and points.
 */
export function readSelfAssessment(
  sheet: Sheet,
  definition: Definition,
  units: readonly UnitLike[],
): ReadResult {
  const fieldCodes = fieldHeaders(definition);
  const top = sheet.rows.slice(0, HEADER_SEARCH_ROWS);
  const at = top.findIndex((r) => usable(mapHeader(r.cells, fieldCodes)));
  if (at < 0) {
    const unappraised = top
      .map((r) => mapHeader(r.cells, fieldCodes).unappraised)
      .find((h) => h !== undefined);
    throw new ApiError(
      422,
      'self_assessment_columns_missing',
      unappraised
        ? `Cột "${unappraised}" là điểm đơn vị tự chấm, chưa qua thẩm định: cần cột "Điểm tự đánh giá đã thẩm định" (hoặc "Điểm").`
        : 'Không tìm thấy dòng tiêu đề có cột đơn vị ("Mã đơn vị" hoặc "Đơn vị") và cột điểm ("Điểm tự đánh giá đã thẩm định", "Điểm" hoặc "LV1"…"LV8").',
    );
  }
  const header = top[at] as Sheet['rows'][number];
  const mapping = mapHeader(header.cells, fieldCodes);
  const headerText = (i: number | undefined) =>
    i === undefined ? undefined : cleanText(header.cells[i]);

  const indexOfKind = new Map(
    definition.indexes.flatMap((ix) => ix.unitKinds.map((k) => [k, ix] as const)),
  );
  const byCode = new Map(units.map((u) => [foldKey(u.code), u]));
  const matchUnit = unitMatcher([...units]);
  const problems: SelfAssessmentProblem[] = [];
  const rows: SelfAssessmentRowValue[] = [];
  const seen = new Map<string, number>();

  for (const { row, cells } of sheet.rows.slice(at + 1)) {
    const cell = (i: number | undefined) => (i === undefined ? '' : cleanText(cells[i]));
    const codeText = cell(mapping.code);
    const unitText = cell(mapping.unit);
    const pointsText = cell(mapping.points);
    const fieldTexts = [...mapping.fields].map(([code, i]) => [code, cell(i)] as const);
    // A row with neither unit nor points (only "STT", a signature line) is not a unit's row.
    if (!codeText && !unitText && !pointsText && fieldTexts.every(([, t]) => !t)) continue;
    const before = problems.length;
    const report = (
      code: SelfAssessmentProblemCode,
      message: string,
      extra: Partial<SelfAssessmentProblem> = {},
    ) => problems.push({ row, code, message, ...extra });

    // The unit: by its code when there is one, else by its name however written.
    let unit: UnitLike | undefined;
    if (codeText) {
      unit = byCode.get(foldKey(codeText));
      if (!unit)
        report('unknown_unit', `Không có đơn vị mã "${codeText}".`, {
          column: headerText(mapping.code),
        });
      else if (unitText) {
        const named = matchUnit(unitText);
        if (named.kind === 'ok' && named.value.code !== unit.code) {
          report(
            'unit_mismatch',
            `Mã "${codeText}" là "${unit.name}" nhưng tên đơn vị ghi "${unitText}" (là "${named.value.name}").`,
            { column: headerText(mapping.unit) },
          );
          unit = undefined;
        }
      }
    } else if (unitText) {
      const m = matchUnit(unitText);
      if (m.kind === 'ok') unit = m.value;
      else if (m.kind === 'ambiguous')
        report(
          'ambiguous_unit',
          `Tên "${unitText}" ứng với nhiều đơn vị: ${orList(m.suggestions.map((u) => u.name))}.`,
          {
            column: headerText(mapping.unit),
            suggestions: m.suggestions.map((u) => u.name),
          },
        );
      else
        report(
          'unknown_unit',
          `Không có đơn vị "${unitText}"${m.kind === 'unknown' && m.suggestions.length ? `; có phải ${orList(m.suggestions.map((u) => u.name))}?` : '.'}`,
          {
            column: headerText(mapping.unit),
            ...(m.kind === 'unknown' && m.suggestions.length
              ? { suggestions: m.suggestions.map((u) => u.name) }
              : {}),
          },
        );
    } else report('missing_unit', 'Thiếu đơn vị (mã hoặc tên đơn vị).');

    const index = unit ? indexOfKind.get(unit.kind) : undefined;
    if (unit && !index) {
      report('not_rated', `"${unit.name}" không được đánh giá Chỉ số CCHC trong đợt này.`);
      unit = undefined;
    }
    if (unit) {
      const first = seen.get(unit.code);
      if (first !== undefined) {
        report('duplicate_unit', `"${unit.name}" đã có ở dòng ${first}.`, { otherRow: first });
        unit = undefined;
      } else seen.set(unit.code, row);
    }

    // The points: each a number from 0 to the maximum (100 − the index's survey budget).
    const max = index ? selfAssessmentMax(index.budget) : undefined;
    const number = (text: string, column: string | undefined, what: string) => {
      const value = readPoints(text, sheet.format);
      if (value === null) {
        report(
          'not_a_number',
          `${what} "${text}" không phải là số hợp lệ (số không âm, tối đa ${MAX_DECIMALS} chữ số thập phân, ví dụ 60,50).`,
          { column },
        );
        return null;
      }
      if (max && compare(parseFraction(value), max) > 0) {
        report(
          'over_maximum',
          `${what} ${spoken(parseFraction(value))} lớn hơn điểm tối đa ${spoken(max)} (100 − ${spoken(parseFraction(index?.budget ?? '0'))} điểm khảo sát).`,
          { column },
        );
        return null;
      }
      return value;
    };
    const points = pointsText ? number(pointsText, headerText(mapping.points), 'Điểm') : undefined;
    const filled = fieldTexts.filter(([, t]) => t !== '');
    const fields = new Map<string, string>();
    let fieldsOk = true;
    if (filled.length > 0) {
      const own = new Set(index?.fields.map((f) => f.code) ?? []);
      const expected = [...mapping.fields.keys()].filter((c) => !index || own.has(c));
      const empty = expected.filter((c) => !filled.some(([f]) => f === c));
      if (empty.length > 0) {
        report(
          'fields_incomplete',
          `Có điểm một số lĩnh vực nhưng thiếu ${empty.join(', ')}: ghi đủ điểm các lĩnh vực, hoặc để trống tất cả.`,
        );
        fieldsOk = false;
      }
      for (const [code, text] of filled) {
        if (index && !own.has(code)) {
          report('fields_incomplete', `Chỉ số ${index.code} không có lĩnh vực ${code}.`, {
            column: headerText(mapping.fields.get(code)),
          });
          fieldsOk = false;
          continue;
        }
        const column = headerText(mapping.fields.get(code));
        const value = number(text, column, `Điểm ${code}`);
        const fieldMax = index?.fields.find((f) => f.code === code)?.selfAssessmentMax;
        if (
          value !== null &&
          fieldMax &&
          compare(parseFraction(value), parseFraction(fieldMax)) > 0
        ) {
          report(
            'over_maximum',
            `Điểm ${code} ${spoken(parseFraction(value))} lớn hơn điểm tối đa ${spoken(parseFraction(fieldMax))} của lĩnh vực.`,
            { column },
          );
          fieldsOk = false;
        } else if (value === null) fieldsOk = false;
        else fields.set(code, value);
      }
    }
    let total: string | null | undefined = points;
    if (fieldsOk && fields.size > 0) {
      const sum = [...fields.values()].reduce((s, v) => add(s, parseFraction(v)), ZERO);
      const sumText = decimalText(sum);
      // Without a total column the total is the fields' sum; with one, they must agree.
      if (total === undefined) total = number(sumText, undefined, 'Tổng điểm các lĩnh vực');
      else if (total !== null && compare(sum, parseFraction(total)) !== 0)
        report(
          'fields_mismatch',
          `Tổng điểm các lĩnh vực (${spoken(sum)}) khác điểm tổng (${spoken(parseFraction(total))}).`,
        );
    }
    if (total === undefined && filled.length === 0)
      report('missing_points', 'Thiếu điểm tự đánh giá đã thẩm định.', {
        column: headerText(mapping.points),
      });

    const ordered = new Map(
      (index?.fields ?? [])
        .filter((f) => fields.has(f.code))
        .map((f) => [f.code, fields.get(f.code) as string]),
    );
    if (unit && index && max && typeof total === 'string' && problems.length === before)
      rows.push({
        row,
        unitCode: unit.code,
        unitName: unit.name.normalize('NFC'),
        index: index.code,
        points: total,
        max: decimalText(max),
        fields: ordered,
      });
  }
  return { headerRow: header.row, columns: mapping.columns, rows, problems };
}
