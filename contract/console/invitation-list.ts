/**
 * The paged people lists (`GET /api/campaigns/:id/invitations` and `…/non-responders`): their
 * query parameters, limits and sort keys, and the slip layouts of `…/slips`. Constants only, no
 * zod: the console takes them as they are (the schemas are in invitations.ts).
 */

/** Rows per page when `pageSize` is not given, and the most a page may ask for. */
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 200;
/** The longest search text (`q`), in characters. */
export const SEARCH_MAX = 100;

/**
 * `sort=<key>` ascending, `sort=-<key>` descending. `unit`: the units in the unit set's order,
 * then names (the default, as offices list people); `name`: Vietnamese order of the given name
 * (the last word), then the full name; `group`: the definition's group order; `status`: not
 * opened → opened → in progress → submitted → revoked; `changed`: the last status change (or the
 * invitation's creation). Ties end on the unit, the name and the id, so pages never overlap.
 */
export const INVITATION_SORTS = ['unit', 'name', 'group', 'status', 'changed'] as const;
export type InvitationSort = (typeof INVITATION_SORTS)[number];

/** Slips per A4 page of `GET …/slips?layout=`; 8 when not given. */
export const SLIP_LAYOUTS = [1, 4, 8] as const;
export type SlipLayout = (typeof SLIP_LAYOUTS)[number];
export const SLIP_LAYOUT_DEFAULT: SlipLayout = 8;

/**
 * A4 pages for slips grouped by unit (each unit starts a new page, as the slips page prints
 * them): `perUnit` the number of slips of each unit.
 */
export function slipPageCount(perUnit: Iterable<number>, layout: SlipLayout): number {
  let pages = 0;
  for (const n of perUnit) pages += Math.ceil(n / layout);
  return pages;
}
