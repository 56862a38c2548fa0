import {
  add,
  compare,
  type Fraction,
  mul,
  parseFraction,
  sub,
  ZERO,
} from '../../analysis/fraction';

/**
 * The fields of the total PAR index whose points come from a locked SIPAS run (docs/method.md
 * §19.5), pure: which units take the SIPAS points, which keep their self-assessment and why,
 * and the words the run says of them.
 */

/** A unit's appraised self-assessment: decimal text, the total and (where known) per field. */
export interface UnitSelfAssessment {
  points: string;
  /** Field code → points; empty when the office gave the total only. */
  fields: ReadonlyMap<string, string>;
}

/**
 * A PAR field whose points come from a locked SIPAS run: per unit code, the run's exact index as
 * a share of 1 ("31/72"; null for a unit nobody answered about, or withheld under k forms).
 */
export interface LinkedField {
  fieldCode: string;
  /** The field's maximum points, decimal text. */
  maxPoints: string;
  byUnit: ReadonlyMap<string, string | null>;
}

/**
 * Why a unit with a SIPAS index keeps its self-assessment for a linked field:
 * `total_only` — the import gave the unit's total only, so the field's own points cannot be
 * taken out of it (adding the SIPAS points would count the field twice);
 * `over_maximum` — with the SIPAS points in place of the field's, the self-assessment would
 * exceed its maximum (the link's maximum is more than the appraisal allows that field).
 */
export type KeptReason = 'total_only' | 'over_maximum';

/**
 * A unit's self-assessment with the linked fields' points put in. For each linked field of the
 * unit's index that the unit has a SIPAS index for, the field's points become index × maxPoints
 * (exact), replacing the points the import gave that field — where the import gave fields, the
 * total is their sum, so a field it did not list counted 0. A unit whose import gave the total
 * only keeps it (`total_only`), and so does a field whose SIPAS points would take the
 * self-assessment over `selfMax` (`over_maximum`); fields are taken in the links' order.
 */
export function withSipasFields(
  self: UnitSelfAssessment,
  unitCode: string,
  fieldCodes: readonly string[],
  linked: readonly LinkedField[],
  selfMax: Fraction,
): { points: Fraction; sipas: Map<string, Fraction>; kept: Map<string, KeptReason> } {
  let points = parseFraction(self.points);
  const sipas = new Map<string, Fraction>();
  const kept = new Map<string, KeptReason>();
  for (const link of linked) {
    const exact = link.byUnit.get(unitCode);
    if (!fieldCodes.includes(link.fieldCode) || exact === undefined || exact === null) continue;
    if (self.fields.size === 0) {
      kept.set(link.fieldCode, 'total_only');
      continue;
    }
    const fieldPoints = mul(parseFraction(exact), parseFraction(link.maxPoints));
    const own = self.fields.get(link.fieldCode);
    const next = add(sub(points, own === undefined ? ZERO : parseFraction(own)), fieldPoints);
    if (compare(next, selfMax) > 0) {
      kept.set(link.fieldCode, 'over_maximum');
      continue;
    }
    points = next;
    sipas.set(link.fieldCode, fieldPoints);
  }
  return { points, sipas, kept };
}

/** A unit that kept its self-assessment for a linked field, and why. */
export interface KeptUnit {
  code: string;
  name: string;
  reason: KeptReason;
}

const NAMED = 10;

const unitList = (units: readonly KeptUnit[]) => {
  const names = units.slice(0, NAMED).map((u) => u.name);
  const more = units.length - names.length;
  return `${names.join(', ')}${more > 0 ? ` và ${more.toLocaleString('vi-VN')} đơn vị khác` : ''}`;
};

/**
 * What the run says of the units that kept their self-assessment for a linked field, with their
 * count: «Tự đánh giá chỉ có điểm tổng, không tách được điểm lĩnh vực LV8: giữ điểm tự đánh
 * giá: 1 đơn vị (Xã Minh Tâm).» Empty when every unit with a SIPAS index took its points.
 */
export function keptWords(fieldCode: string, kept: readonly KeptUnit[]): string {
  const sentences: string[] = [];
  const totalOnly = kept.filter((k) => k.reason === 'total_only');
  const over = kept.filter((k) => k.reason === 'over_maximum');
  if (totalOnly.length > 0)
    sentences.push(
      `Tự đánh giá chỉ có điểm tổng, không tách được điểm lĩnh vực ${fieldCode}: giữ điểm tự đánh giá: ${totalOnly.length.toLocaleString('vi-VN')} đơn vị (${unitList(totalOnly)}).`,
    );
  if (over.length > 0)
    sentences.push(
      `Thay điểm lĩnh vực ${fieldCode} bằng điểm SIPAS thì điểm tự đánh giá vượt điểm tối đa (điểm tối đa của lĩnh vực đặt khi liên kết lớn hơn điểm thẩm định cho phép): giữ điểm tự đánh giá: ${over.length.toLocaleString('vi-VN')} đơn vị (${unitList(over)}).`,
    );
  return sentences.join(' ');
}
