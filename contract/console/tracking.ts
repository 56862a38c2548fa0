import { z } from 'zod';

/**
 * The response counts per group × unit and per day (`GET /api/campaigns/:id/tracking`), the
 * only figures visible while a campaign is open. Analysts get them merged so that no cell names
 * anyone (server/tracking/protect.ts, docs/anonymity.md).
 */
export const TrackingCell = z.object({
  groupCode: z.string(),
  groupName: z.string(),
  unitCode: z.string().nullable(),
  unitName: z.string(),
  /**
   * The unit's kind (`co_quan`, `xa`, `phuong`…) and the index that rates that kind ("SO",
   * "XA"), so that a province's console can filter 130 units; null for a row without a unit
   * (a group not counted by unit, an analyst's merged row).
   */
  unitKind: z.string().nullable().optional(),
  index: z.string().nullable().optional(),
  invited: z.number().int(),
  notOpened: z.number().int(),
  opened: z.number().int(),
  inProgress: z.number().int(),
  submitted: z.number().int(),
  /** Percent submitted of invited, one decimal. */
  rate: z.number(),
  /** Analysts only: how many group × unit cells (or groups) this row merges. */
  merged: z.number().int().optional(),
});
export type TrackingCell = z.infer<typeof TrackingCell>;

/** Status changes on one Vietnam calendar day (YYYY-MM-DD). */
export const Daily = z.object({ day: z.string(), status: z.string(), n: z.number().int() });
export type Daily = z.infer<typeof Daily>;

/** An index of the campaign's definition and the unit kinds it rates, for the filters. */
export const TrackingIndex = z.object({
  code: z.string(),
  name: z.string(),
  unitKinds: z.array(z.string()),
});
export type TrackingIndex = z.infer<typeof TrackingIndex>;

export const Tracking = z.object({
  targetRate: z.number().nullable(),
  /** The definition's indexes, in its order. */
  indexes: z.array(TrackingIndex).optional(),
  total: TrackingCell,
  groups: z.array(TrackingCell),
  rows: z.array(TrackingCell),
  daily: z.array(Daily),
  /**
   * Analysts only: the small-group threshold the counts were merged by (units and groups of
   * fewer people merged, days of fewer changes carried forward), and whether the campaign is
   * too small to show any count.
   */
  minCellSize: z.number().int().optional(),
  withheld: z.boolean().optional(),
});
export type Tracking = z.infer<typeof Tracking>;
