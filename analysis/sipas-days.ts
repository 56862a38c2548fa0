import { compare, fraction, parseFraction } from './fraction';
import { dayOfHour, percentOf, type SipasHourRow } from './sipas';

/**
 * The SIPAS days (issue #14.4, docs/method.md §19.3): per collection point × day, the forms, the
 * shares satisfied and from one-time codes, and the flags that make stuffing visible. Flags are
 * read from counts per hour (`sipas_hour`) and per 10-minute slot (`sipas_slot`), never from a
 * time on an answer. Pure.
 */

export interface SipasFlagMethod {
  /** A daily figure is shown only from this many forms (small-group rule). */
  readonly minCellSize: number;
  readonly burst: { readonly minutes: number; readonly answers: number };
  readonly fullDay: { readonly over: number };
  /** A decimal or fraction: the day is flagged when repeats / forms reaches it. */
  readonly repeats: { readonly share: string };
}

/** A point's opening hours: '07:30', '17:00', '1,2,3,4,5' (1 = Monday … 7 = Sunday). */
export interface SipasPointHours {
  readonly id: string;
  readonly opens: string;
  readonly closes: string;
  readonly weekdays: string;
}

/** A row of `sipas_slot`: forms of a point in a 10-minute slot 'YYYY-MM-DDTHH:M0'. */
export interface SipasSlotRow {
  readonly pointId: string;
  readonly slot: string;
  readonly forms: number;
}

export type SipasFlag = 'burst' | 'full_day' | 'repeats' | 'outside_hours';
export const SIPAS_FLAGS: readonly SipasFlag[] = ['burst', 'full_day', 'repeats', 'outside_hours'];

/** The figures of a day; null when the day has fewer than `minCellSize` forms. */
export interface SipasDayFigures {
  readonly forms: number;
  readonly poster: number;
  readonly code: number;
  readonly paper: number;
  /** Percent of the day's forms whose every answered element is satisfied. */
  readonly satisfiedPercent: string;
  /** Percent of the day's forms sent with a one-time code. */
  readonly codePercent: string;
}

export interface SipasDay {
  readonly pointId: string;
  readonly day: string;
  readonly flags: readonly SipasFlag[];
  readonly figures: SipasDayFigures | null;
}

/** Paper forms are typed in by the office: when they were typed says nothing about stuffing. */
const ONLINE = new Set(['poster', 'code']);

const minutesOf = (hhmm: string): number => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`Giờ không hợp lệ: "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/** 1 = Monday … 7 = Sunday, of a calendar date 'YYYY-MM-DD'. */
export function weekdayOf(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * Whether an hour 'YYYY-MM-DDTHH' lies outside a point's opening: its weekday is not one of
 * `weekdays`, or the whole hour is before `opens` or from `closes` on. An hour that overlaps the
 * opening at all counts as inside (hourly counts cannot tell 07:10 from 07:50).
 */
export function outsideHours(point: SipasPointHours, hour: string): boolean {
  const days = new Set(point.weekdays.split(',').map((d) => Number(d.trim())));
  if (!days.has(weekdayOf(dayOfHour(hour)))) return true;
  const start = Number(hour.slice(11, 13)) * 60;
  return start + 60 <= minutesOf(point.opens) || start >= minutesOf(point.closes);
}

const slotIndex = (slot: string): number =>
  Number(slot.slice(11, 13)) * 6 + Math.floor(Number(slot.slice(14, 16)) / 10);

/**
 * A burst: some window of `ceil(minutes / 10)` consecutive 10-minute slots of the day (one slot
 * for the 10 minutes of SIPAS 2026) holds at least `answers` forms.
 */
export function hasBurst(slots: readonly SipasSlotRow[], burst: SipasFlagMethod['burst']): boolean {
  const width = Math.max(1, Math.ceil(burst.minutes / 10));
  const bySlot = new Map<number, number>();
  for (const s of slots)
    bySlot.set(slotIndex(s.slot), (bySlot.get(slotIndex(s.slot)) ?? 0) + s.forms);
  for (const start of bySlot.keys()) {
    let total = 0;
    for (let i = start; i < start + width; i++) total += bySlot.get(i) ?? 0;
    if (total >= burst.answers) return true;
  }
  return false;
}

/** Every point × day that has forms, points in the order given, days in order, with flags. */
export function sipasDays(
  points: readonly SipasPointHours[],
  hours: readonly SipasHourRow[],
  slots: readonly SipasSlotRow[],
  method: SipasFlagMethod,
): SipasDay[] {
  const repeatShare = parseFraction(method.repeats.share);
  // Grouped once: a season has points × days × hours rows (a province: ~100,000).
  const hoursBy = new Map<string, Map<string, SipasHourRow[]>>();
  for (const h of hours) {
    const byDay = hoursBy.get(h.pointId) ?? new Map<string, SipasHourRow[]>();
    hoursBy.set(h.pointId, byDay);
    const list = byDay.get(dayOfHour(h.hour)) ?? [];
    byDay.set(dayOfHour(h.hour), list);
    list.push(h);
  }
  const slotsBy = new Map<string, SipasSlotRow[]>();
  for (const s of slots) {
    const key = `${s.pointId}|${s.slot.slice(0, 10)}`;
    const list = slotsBy.get(key) ?? [];
    slotsBy.set(key, list);
    list.push(s);
  }
  const result: SipasDay[] = [];
  for (const point of points) {
    const days = hoursBy.get(point.id) ?? new Map<string, SipasHourRow[]>();
    for (const day of [...days.keys()].sort()) {
      const rows = days.get(day) ?? [];
      const online = rows.filter((r) => ONLINE.has(r.channel));
      const daySlots = slotsBy.get(`${point.id}|${day}`) ?? [];
      const onlineForms = online.reduce((s, r) => s + r.forms, 0);
      const onlineSatisfied = online.reduce((s, r) => s + r.satisfied, 0);
      const repeats = online.reduce((s, r) => s + r.repeats, 0);
      const flags: SipasFlag[] = [];
      if (hasBurst(daySlots, method.burst)) flags.push('burst');
      if (onlineForms > method.fullDay.over && onlineSatisfied === onlineForms)
        flags.push('full_day');
      if (onlineForms > 0 && compare(fraction(repeats, onlineForms), repeatShare) >= 0)
        flags.push('repeats');
      if (online.some((r) => r.forms > 0 && outsideHours(point, r.hour)))
        flags.push('outside_hours');
      const count = (channel: string) =>
        rows.filter((r) => r.channel === channel).reduce((s, r) => s + r.forms, 0);
      const forms = rows.reduce((s, r) => s + r.forms, 0);
      const satisfied = rows.reduce((s, r) => s + r.satisfied, 0);
      const figures =
        forms < method.minCellSize || forms === 0
          ? null
          : {
              forms,
              poster: count('poster'),
              code: count('code'),
              paper: count('paper'),
              satisfiedPercent: percentOf(fraction(satisfied, forms)),
              codePercent: percentOf(fraction(count('code'), forms)),
            };
      result.push({ pointId: point.id, day, flags, figures });
    }
  }
  return result;
}

/** The flagged point × days, for a run that leaves them out. */
export function flaggedDays(days: readonly SipasDay[]): { pointId: string; day: string }[] {
  return days.filter((d) => d.flags.length > 0).map((d) => ({ pointId: d.pointId, day: d.day }));
}
