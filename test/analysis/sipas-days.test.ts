import { describe, expect, it } from 'vitest';
import type { SipasHourRow } from '../../analysis/sipas';
import {
  flaggedDays,
  hasBurst,
  outsideHours,
  type SipasFlagMethod,
  type SipasSlotRow,
  sipasDays,
  weekdayOf,
} from '../../analysis/sipas-days';

const METHOD: SipasFlagMethod = {
  minCellSize: 5,
  burst: { minutes: 10, answers: 20 },
  fullDay: { over: 10 },
  repeats: { share: '0.3' },
};
const POINT = { id: 'p1', opens: '07:30', closes: '17:00', weekdays: '1,2,3,4,5' };
// 2026-03-02 is a Monday; 2026-03-07 a Saturday, 2026-03-08 a Sunday.
const MON = '2026-03-02';

const hour = (h: string, forms: number, extra: Partial<SipasHourRow> = {}): SipasHourRow => ({
  pointId: 'p1',
  hour: `${MON}T${h}`,
  channel: 'poster',
  forms,
  repeats: 0,
  satisfied: 0,
  ...extra,
});
const slot = (s: string, forms: number, pointId = 'p1'): SipasSlotRow => ({
  pointId,
  slot: `${MON}T${s}`,
  forms,
});

describe('weekdayOf', () => {
  it.each([
    ['2026-03-02', 1],
    ['2026-03-07', 6],
    ['2026-03-08', 7],
  ])('%s → %d', (day, n) => expect(weekdayOf(day)).toBe(n));
});

describe('outsideHours (hourly counts: an hour touching the opening is inside)', () => {
  it.each([
    [`${MON}T06`, true], // 06:00–07:00 ends before 07:30
    [`${MON}T07`, false], // 07:00–08:00 overlaps 07:30
    [`${MON}T16`, false],
    [`${MON}T17`, true], // from 17:00, closed
    [`${MON}T23`, true],
    ['2026-03-07T09', true], // Saturday
    ['2026-03-08T09', true], // Sunday
  ])('%s → %s', (h, outside) => expect(outsideHours(POINT, h)).toBe(outside));

  it('reads the weekdays of the point', () => {
    expect(outsideHours({ ...POINT, weekdays: '1,2,3,4,5,6' }, '2026-03-07T09')).toBe(false);
  });
});

describe('hasBurst', () => {
  it('flags a 10-minute slot from `answers` forms, not one below', () => {
    expect(hasBurst([slot('09:10', 20)], METHOD.burst)).toBe(true);
    expect(hasBurst([slot('09:10', 19)], METHOD.burst)).toBe(false);
    // 19 + 19 in two slots of the same hour: no 10-minute burst.
    expect(hasBurst([slot('09:10', 19), slot('09:20', 19)], METHOD.burst)).toBe(false);
  });
  it('with a 20-minute window, sums two consecutive slots (across the hour)', () => {
    const burst = { minutes: 20, answers: 30 };
    expect(hasBurst([slot('09:50', 15), slot('10:00', 15)], burst)).toBe(true);
    expect(hasBurst([slot('09:40', 15), slot('10:00', 15)], burst)).toBe(false);
  });
});

describe('sipasDays', () => {
  it('plants a burst of 30 forms in one slot and flags that day only', () => {
    const hours = [hour('09', 30, { satisfied: 12 }), { ...hour('10', 8), hour: '2026-03-03T10' }];
    const slots = [slot('09:20', 30), { pointId: 'p1', slot: '2026-03-03T10:00', forms: 8 }];
    const days = sipasDays([POINT], hours, slots, METHOD);
    expect(days).toEqual([
      {
        pointId: 'p1',
        day: MON,
        flags: ['burst'],
        figures: {
          forms: 30,
          poster: 30,
          code: 0,
          paper: 0,
          satisfiedPercent: '40.00',
          codePercent: '0.00',
        },
      },
      {
        pointId: 'p1',
        day: '2026-03-03',
        flags: [],
        figures: expect.objectContaining({ forms: 8 }),
      },
    ]);
    expect(flaggedDays(days)).toEqual([{ pointId: 'p1', day: MON }]);
  });

  it('full_day: every form satisfied with more than `over` forms (11 flags, 10 does not)', () => {
    const at = (n: number) =>
      sipasDays([POINT], [hour('09', n, { satisfied: n })], [], METHOD)[0]?.flags;
    expect(at(11)).toEqual(['full_day']);
    expect(at(10)).toEqual([]);
    expect(sipasDays([POINT], [hour('09', 11, { satisfied: 10 })], [], METHOD)[0]?.flags).toEqual(
      [],
    );
  });

  it('repeats: flagged from the share on (3 of 10 flags, 2 of 10 does not)', () => {
    const at = (r: number) =>
      sipasDays([POINT], [hour('09', 10, { repeats: r })], [], METHOD)[0]?.flags;
    expect(at(3)).toEqual(['repeats']);
    expect(at(2)).toEqual([]);
  });

  it('outside_hours: one form at 06:xx flags the day', () => {
    const days = sipasDays([POINT], [hour('06', 1), hour('09', 9)], [], METHOD);
    expect(days[0]?.flags).toEqual(['outside_hours']);
  });

  it('paper forms raise no flag (they are typed in whenever the office has time)', () => {
    const rows = [hour('22', 40, { channel: 'paper', satisfied: 40, repeats: 40 })];
    const days = sipasDays([POINT], rows, [], METHOD);
    expect(days[0]?.flags).toEqual([]);
    expect(days[0]?.figures).toMatchObject({ forms: 40, paper: 40, satisfiedPercent: '100.00' });
  });

  it('small cells: a day under minCellSize forms shows no figures, 5 shows them', () => {
    const four = sipasDays([POINT], [hour('09', 4)], [], METHOD)[0];
    expect(four?.figures).toBeNull();
    const five = sipasDays(
      [POINT],
      [hour('09', 3), hour('10', 2, { channel: 'code', satisfied: 2 })],
      [],
      METHOD,
    )[0];
    expect(five?.figures).toEqual({
      forms: 5,
      poster: 3,
      code: 2,
      paper: 0,
      satisfiedPercent: '40.00',
      codePercent: '40.00',
    });
  });

  it('lists points in the order given and days in order, other points apart', () => {
    const p2 = { ...POINT, id: 'p2' };
    const hours = [
      { ...hour('09', 1), hour: '2026-03-04T09' },
      hour('09', 1),
      { ...hour('09', 1), pointId: 'p2' },
    ];
    expect(sipasDays([p2, POINT], hours, [], METHOD).map((d) => `${d.pointId} ${d.day}`)).toEqual([
      'p2 2026-03-02',
      'p1 2026-03-02',
      'p1 2026-03-04',
    ]);
  });
});
