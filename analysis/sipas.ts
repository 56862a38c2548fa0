import {
  add,
  div,
  type Fraction,
  formatFraction,
  fraction,
  mul,
  parseFraction,
  roundHalfUp,
  ZERO,
} from './fraction';

/**
 * SIPAS scoring (issue #14, docs/method.md §19): the satisfaction of the people an office serves,
 * from the tallies of the SIPAS forms. Pure and exact: counts in, fractions through, the percent
 * rounded half-up to 2 decimals only at the end. The shapes below are the parts of a
 * `SipasDefinition` (questionnaires/sipas-schema.ts) that scoring reads, so any definition fits.
 */

export interface SipasScaleRef {
  readonly code: string;
  /** Ordered worst → best. */
  readonly options: readonly { readonly code: string }[];
  /** How many of the best options count as satisfied (2 of 5 for SIPAS 2026). */
  readonly top: number;
  readonly noAnswer?: { readonly code: string } | null;
}

export interface SipasAspectRef {
  readonly code: string;
  readonly name: string;
  /** A coefficient as written in the definition ("1", "0.25", "2/3"). */
  readonly weight: string;
  readonly elements: readonly { readonly id: string; readonly scale: string }[];
}

export interface SipasScoringDefinition {
  readonly scales: readonly SipasScaleRef[];
  readonly aspects: readonly SipasAspectRef[];
}

export type SipasChannel = 'poster' | 'code' | 'paper';
export const SIPAS_CHANNELS: readonly SipasChannel[] = ['poster', 'code', 'paper'];

/** A row of `sipas_tally`: how many forms of a point, day and channel gave `option` to a question. */
export interface SipasTallyRow {
  readonly pointId: string;
  readonly day: string;
  readonly channel: string;
  readonly questionId: string;
  readonly option: string;
  readonly n: number;
}

/** A row of `sipas_hour`: forms of a point in one hour ('YYYY-MM-DDTHH', Vietnam time). */
export interface SipasHourRow {
  readonly pointId: string;
  readonly hour: string;
  readonly channel: string;
  readonly forms: number;
  readonly repeats: number;
  readonly satisfied: number;
}

/** A point × day left out of a run. */
export interface PointDay {
  readonly pointId: string;
  readonly day: string;
}

export interface SipasElementResult {
  readonly id: string;
  readonly nValid: number;
  readonly nSatisfied: number;
  /** Percent satisfied, 2 decimals half-up; null when nobody gave a valid answer. */
  readonly percent: string | null;
}

export interface SipasAspectResult {
  readonly code: string;
  readonly name: string;
  readonly weight: string;
  readonly percent: string | null;
  readonly elements: readonly SipasElementResult[];
}

export type ChannelCounts = Record<SipasChannel, number> & { readonly total: number };

export interface SipasUnitResult {
  readonly unitCode: string;
  /** Forms read, per channel (from `sipas_hour`). */
  readonly forms: ChannelCounts;
  /** The unit index in percent, 2 decimals half-up; null when no aspect has an answer. */
  readonly percent: string | null;
  /** The exact index as a share of 1 ("256/300" → written normalised), for the PAR link. */
  readonly exact: string | null;
  readonly aspects: readonly SipasAspectResult[];
}

const HUNDRED = fraction(100);

export const dayOfHour = (hour: string): string => hour.slice(0, 10);

/** "pointId|day", the key of a left-out day. */
export const pointDayKey = (p: PointDay): string => `${p.pointId}|${p.day}`;

/** The codes of a scale's `top` best options. @throws RangeError on a scale that cannot score. */
export function satisfiedOptions(scale: SipasScaleRef): Set<string> {
  if (!Number.isInteger(scale.top) || scale.top < 1 || scale.top > scale.options.length) {
    throw new RangeError(`Thang đo ${scale.code}: số mức hài lòng (top) không hợp lệ`);
  }
  return new Set(scale.options.slice(scale.options.length - scale.top).map((o) => o.code));
}

export function percentOf(share: Fraction): string {
  return roundHalfUp(mul(share, HUNDRED), 2);
}

function emptyCounts(): Record<SipasChannel, number> {
  return { poster: 0, code: 0, paper: 0 };
}

function withTotal(c: Record<SipasChannel, number>): ChannelCounts {
  return { ...c, total: c.poster + c.code + c.paper };
}

function isChannel(c: string): c is SipasChannel {
  return (SIPAS_CHANNELS as readonly string[]).includes(c);
}

/**
 * Scores each unit of `unitCodes` (in that order) from the tallies of the points tagged with it
 * (`pointUnit`: point id → unit code), leaving out the point × days of `exclude`.
 * Element = satisfied / valid answers (no-answer and unknown options are not valid answers);
 * aspect = mean of its elements that have answers; index = weighted mean of the aspects that
 * have answers. A unit with no valid answer has a null index.
 */
export function scoreSipas(
  definition: SipasScoringDefinition,
  unitCodes: readonly string[],
  pointUnit: ReadonlyMap<string, string>,
  tallies: readonly SipasTallyRow[],
  hours: readonly SipasHourRow[],
  exclude: readonly PointDay[] = [],
): SipasUnitResult[] {
  const left = new Set(exclude.map(pointDayKey));
  const kept = (pointId: string, day: string) => !left.has(`${pointId}|${day}`);
  const scales = new Map(definition.scales.map((s) => [s.code, s]));
  // unit → question → option → n
  const byUnit = new Map<string, Map<string, Map<string, number>>>();
  for (const row of tallies) {
    const unit = pointUnit.get(row.pointId);
    if (unit === undefined || !kept(row.pointId, row.day)) continue;
    const questions = byUnit.get(unit) ?? new Map<string, Map<string, number>>();
    byUnit.set(unit, questions);
    const options = questions.get(row.questionId) ?? new Map<string, number>();
    questions.set(row.questionId, options);
    options.set(row.option, (options.get(row.option) ?? 0) + row.n);
  }
  const forms = new Map<string, Record<SipasChannel, number>>();
  for (const row of hours) {
    const unit = pointUnit.get(row.pointId);
    if (unit === undefined || !isChannel(row.channel) || !kept(row.pointId, dayOfHour(row.hour)))
      continue;
    const c = forms.get(unit) ?? emptyCounts();
    forms.set(unit, c);
    c[row.channel] += row.forms;
  }
  return unitCodes.map((unitCode) => {
    const questions = byUnit.get(unitCode) ?? new Map();
    let weighted = ZERO;
    let weights = ZERO;
    const aspects = definition.aspects.map((aspect): SipasAspectResult => {
      const elements = aspect.elements.map((element) => {
        const scale = scales.get(element.scale);
        if (!scale) throw new RangeError(`Câu ${element.id}: không có thang đo ${element.scale}`);
        const top = satisfiedOptions(scale);
        const counts: Map<string, number> = questions.get(element.id) ?? new Map();
        let nValid = 0;
        let nSatisfied = 0;
        for (const option of scale.options) {
          const n = counts.get(option.code) ?? 0;
          nValid += n;
          if (top.has(option.code)) nSatisfied += n;
        }
        return { id: element.id, nValid, nSatisfied };
      });
      const answered = elements.filter((e) => e.nValid > 0);
      let share: Fraction | null = null;
      if (answered.length > 0) {
        const total = answered.reduce((s, e) => add(s, fraction(e.nSatisfied, e.nValid)), ZERO);
        share = div(total, fraction(answered.length));
        const weight = parseFraction(aspect.weight);
        weighted = add(weighted, mul(weight, share));
        weights = add(weights, weight);
      }
      return {
        code: aspect.code,
        name: aspect.name,
        weight: aspect.weight,
        percent: share === null ? null : percentOf(share),
        elements: elements.map((e) => ({
          ...e,
          percent: e.nValid > 0 ? percentOf(fraction(e.nSatisfied, e.nValid)) : null,
        })),
      };
    });
    const index = weights.num === 0n ? null : div(weighted, weights);
    return {
      unitCode,
      forms: withTotal(forms.get(unitCode) ?? emptyCounts()),
      percent: index === null ? null : percentOf(index),
      exact: index === null ? null : formatFraction(index),
      aspects,
    };
  });
}

/** A unit's channel counts as shown: a channel is null when the split is merged (small group). */
export interface ShownCounts {
  readonly total: number;
  readonly poster: number | null;
  readonly code: number | null;
  readonly paper: number | null;
}

/** A unit's result as a run keeps and shows it: no figure at all when `withheld`. */
export type GuardedUnitResult =
  | (Omit<SipasUnitResult, 'forms'> & { readonly withheld: false; readonly forms: ShownCounts })
  | {
      readonly unitCode: string;
      readonly withheld: true;
      readonly forms: null;
      readonly percent: null;
      readonly exact: null;
      readonly aspects: readonly [];
    };

/**
 * The small-group rule on a unit's result (docs/anonymity.md §5): with fewer than `k` forms
 * counted, nothing of the unit is given — no index, aspect, element nor count (a one-time code
 * handed to a known person would otherwise show that person's answers). A unit shown gives its
 * channel split only when every channel has 0 or at least `k` forms; otherwise the split is
 * merged (each channel null) and only the total is given, so no channel can be subtracted out.
 * A unit of `smallLeftOut` (see `unitsWithSmallLeftOut`) is withheld too.
 */
export function guardSmallCells(
  unit: SipasUnitResult,
  k: number,
  smallLeftOut: ReadonlySet<string> = new Set(),
): GuardedUnitResult {
  if (unit.forms.total < k || smallLeftOut.has(unit.unitCode))
    return {
      unitCode: unit.unitCode,
      withheld: true,
      forms: null,
      percent: null,
      exact: null,
      aspects: [],
    };
  const { total, poster, code, paper } = unit.forms;
  const split = [poster, code, paper].every((n) => n === 0 || n >= k);
  return {
    ...unit,
    withheld: false,
    forms: split
      ? { total, poster, code, paper }
      : { total, poster: null, code: null, paper: null },
  };
}

/**
 * The units of which a run leaves out a point × day holding 1 to k − 1 forms. Set beside a run
 * that keeps that day (the official one keeps every day), such a unit's figures would differ by
 * fewer than k forms, and the difference would show those few people's answers: the unit is
 * withheld in the run that leaves the day out.
 */
export function unitsWithSmallLeftOut(
  pointUnit: ReadonlyMap<string, string>,
  hours: readonly SipasHourRow[],
  exclude: readonly PointDay[],
  k: number,
): Set<string> {
  const left = new Set(exclude.map(pointDayKey));
  const forms = new Map<string, number>();
  for (const row of hours) {
    const key = `${row.pointId}|${dayOfHour(row.hour)}`;
    if (left.has(key)) forms.set(key, (forms.get(key) ?? 0) + row.forms);
  }
  const units = new Set<string>();
  for (const d of exclude) {
    const n = forms.get(pointDayKey(d)) ?? 0;
    const unit = pointUnit.get(d.pointId);
    if (unit !== undefined && n > 0 && n < k) units.add(unit);
  }
  return units;
}
