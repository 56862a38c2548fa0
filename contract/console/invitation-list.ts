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
 * How `GET …/slips?arrange=` lays the slips out, units always in the list's unit order:
 * - `units` (the default): unit after unit with no blank space; the first slip of each unit
 *   carries the unit's name and count, so the cut slips stack into one bundle per unit;
 * - `unit-pages`: each unit starts a new page under its heading (paper left blank at each
 *   unit's end, for offices that hand each unit its own sheets);
 * - `packed`: no unit marks at all, every page full.
 */
export const SLIP_ARRANGEMENTS = ['units', 'unit-pages', 'packed'] as const;
export type SlipArrangement = (typeof SLIP_ARRANGEMENTS)[number];
export const SLIP_ARRANGEMENT_DEFAULT: SlipArrangement = 'units';
export const SLIP_ARRANGEMENT_NAMES: Record<SlipArrangement, string> = {
  units: 'Theo đơn vị, nối tiếp nhau',
  'unit-pages': 'Mỗi đơn vị sang trang mới',
  packed: 'Xếp kín, không đánh dấu đơn vị',
};

/**
 * The A4 pages the slips page prints: `perUnit` the number of slips of each unit. Only
 * `unit-pages` leaves the rest of a unit's last page blank; the others fill every page.
 */
export function slipPageCount(
  perUnit: Iterable<number>,
  layout: SlipLayout,
  arrange: SlipArrangement = SLIP_ARRANGEMENT_DEFAULT,
): number {
  let pages = 0;
  let slips = 0;
  for (const n of perUnit) {
    pages += Math.ceil(n / layout);
    slips += n;
  }
  return arrange === 'unit-pages' ? pages : Math.ceil(slips / layout);
}
