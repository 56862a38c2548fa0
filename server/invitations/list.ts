import { z } from 'zod';
import {
  INVITATION_SORTS,
  type InvitationSort,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  SEARCH_MAX,
  SLIP_ARRANGEMENT_DEFAULT,
  SLIP_ARRANGEMENTS,
  SLIP_LAYOUT_DEFAULT,
  SLIP_LAYOUTS,
  type SlipArrangement,
  type SlipLayout,
} from '../../contract/console/invitation-list';
import { InvitationStatus } from '../../contract/console/invitations';
import type { InvitationStatus as Status } from '../db/schema';
import { ApiError } from '../errors';
import { foldKey } from '../roster/normalize';
import type { InvitationKey } from './queries';

/**
 * The people lists at a province's size (issue #13.12): the query parameters of
 * `GET …/invitations`, `…/non-responders`, `…/slips` and `…/links.*`, checked at the edge (400
 * `invalid_query` with a Vietnamese message, never a 500), then search, sort and paging of the
 * rows the filters matched. Pure, apart from the rows given.
 */

const whole = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${what} phải là một số nguyên từ ${min} đến ${max}.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${what} phải là một số nguyên từ ${min} đến ${max}.`);

const SORT = new RegExp(`^-?(${INVITATION_SORTS.join('|')})$`);

const ListQuery = z.object({
  page: whole('Số trang (page)', 1, 1_000_000).optional(),
  pageSize: whole('Số dòng mỗi trang (pageSize)', 1, PAGE_SIZE_MAX).optional(),
  q: z.string().max(SEARCH_MAX, `Từ khóa tìm kiếm dài quá ${SEARCH_MAX} ký tự.`).optional(),
  status: z
    .string()
    .optional()
    .transform((s) => s?.split(',').filter(Boolean))
    .pipe(
      z
        .array(
          z.enum(InvitationStatus.options, {
            error:
              'Trạng thái (status) không hợp lệ: dùng not_opened, opened, in_progress, submitted hoặc revoked.',
          }),
        )
        .optional(),
    ),
  group: z.string().max(100, 'Mã nhóm đối tượng (group) không hợp lệ.').optional(),
  unit: z.string().max(100, 'Mã đơn vị (unit) không hợp lệ.').optional(),
  sort: z
    .string()
    .regex(
      SORT,
      `Cách sắp xếp (sort) không hợp lệ: dùng ${INVITATION_SORTS.join(', ')} (thêm "-" để đảo chiều).`,
    )
    .optional(),
  ids: z
    .string()
    .optional()
    .transform((s) => s?.split(',').filter(Boolean)),
  layout: z
    .enum(SLIP_LAYOUTS.map(String) as [string, ...string[]], {
      error: `Số phiếu mỗi trang (layout) phải là ${SLIP_LAYOUTS.join(', ')}.`,
    })
    .optional(),
  arrange: z
    .enum(SLIP_ARRANGEMENTS, {
      error: `Cách xếp phiếu (arrange) phải là ${SLIP_ARRANGEMENTS.join(', ')}.`,
    })
    .optional(),
});

export interface ListQuery {
  page: number;
  pageSize: number;
  q: string;
  status?: Status[];
  group?: string;
  unit?: string;
  sort: { key: InvitationSort; desc: boolean };
  ids?: string[];
  layout: SlipLayout;
  arrange: SlipArrangement;
}

/**
 * The list's query parameters, checked: 400 `invalid_query` naming the first bad one. Other
 * parameters (`format`) are the route's.
 */
export function parseListQuery(query: Record<string, string>): ListQuery {
  const r = ListQuery.safeParse(query);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ApiError(400, 'invalid_query', issue?.message ?? 'Tham số không hợp lệ.', {
      param: String(issue?.path[0] ?? ''),
    });
  }
  const parsed = r.data;
  const sort = parsed.sort ?? 'unit';
  return {
    page: parsed.page ?? 1,
    pageSize: parsed.pageSize ?? PAGE_SIZE_DEFAULT,
    q: parsed.q?.trim() ?? '',
    status: parsed.status?.length ? parsed.status : undefined,
    group: parsed.group || undefined,
    unit: parsed.unit || undefined,
    sort: { key: sort.replace(/^-/, '') as InvitationSort, desc: sort.startsWith('-') },
    ids: parsed.ids?.length ? parsed.ids : undefined,
    layout: parsed.layout ? (Number(parsed.layout) as SlipLayout) : SLIP_LAYOUT_DEFAULT,
    arrange: parsed.arrange ?? SLIP_ARRANGEMENT_DEFAULT,
  };
}

/** A phone number as typed in a search ("+84 912.345", "0912 345") → its national digits. */
function phoneDigits(q: string): string | null {
  if (!/^[\d\s.+()-]+$/.test(q)) return null;
  const digits = q.replace(/\D/g, '').replace(/^84(?=\d{6})/, '0');
  return digits.length >= 3 ? digits : null;
}

/**
 * The rows whose name, phone or e-mail have a word starting with each word of `q`, diacritics,
 * case and punctuation ignored ("nguyen van an" finds "Nguyễn Văn An" and "Nguyễn Văn Anh", not
 * "Nguyễn Văn Lan"); a phone number is found by any part of it, however it is typed.
 */
export function search<T extends Pick<InvitationKey, 'name' | 'phone' | 'email'>>(
  rows: T[],
  q: string,
): T[] {
  const words = foldKey(q).split(' ').filter(Boolean);
  if (words.length === 0) return rows;
  const digits = phoneDigits(q);
  return rows.filter((r) => {
    if (digits && r.phone?.replace(/\D/g, '').includes(digits)) return true;
    const hay = ` ${folded(r.name)} ${folded(r.phone)} ${folded(r.email)}`;
    return words.every((w) => hay.includes(` ${w}`));
  });
}

/**
 * foldKey, remembered: the same 5,000 names are searched again at every keystroke, and folding
 * (NFD, a few regular expressions) is most of a search's time. Bounded, oldest forgotten first.
 */
const folds = new Map<string, string>();
const FOLDS_KEPT = 50_000;
function folded(text: string | null | undefined): string {
  if (!text) return '';
  let key = folds.get(text);
  if (key === undefined) {
    key = foldKey(text);
    if (folds.size >= FOLDS_KEPT) folds.delete(folds.keys().next().value as string);
    folds.set(text, key);
  }
  return key;
}

const collator = new Intl.Collator('vi');
const STATUS_ORDER: Record<Status, number> = {
  not_opened: 0,
  opened: 1,
  in_progress: 2,
  submitted: 3,
  revoked: 4,
};

/** The given name first: Vietnamese lists are ordered by it ("Nguyễn Văn An" under A). */
const givenFirst = (name: string) => {
  const words = name.split(' ');
  return `${words.at(-1) ?? ''} ${words.slice(0, -1).join(' ')}`;
};

/**
 * The rows in the asked order, ties ending on unit, name and id so that pages never overlap.
 * `groupOrder` is the definition's order of groups.
 */
export function sortRows<T extends InvitationKey>(
  rows: T[],
  sort: ListQuery['sort'],
  groupOrder: (code: string) => number,
): T[] {
  const keyed = rows.map((r) => ({
    r,
    unitPos: r.unitPosition ?? 1e9,
    unit: r.unitName ?? r.workplace ?? '',
    given: givenFirst(r.name),
  }));
  type K = (typeof keyed)[number];
  const byUnit = (a: K, b: K) =>
    a.unitPos - b.unitPos ||
    collator.compare(a.unit, b.unit) ||
    collator.compare(a.r.name, b.r.name);
  const primary: Record<InvitationSort, (a: K, b: K) => number> = {
    unit: byUnit,
    name: (a, b) => collator.compare(a.given, b.given),
    group: (a, b) => groupOrder(a.r.groupCode) - groupOrder(b.r.groupCode),
    status: (a, b) => STATUS_ORDER[a.r.status] - STATUS_ORDER[b.r.status],
    changed: (a, b) => (a.r.changedAt < b.r.changedAt ? -1 : a.r.changedAt > b.r.changedAt ? 1 : 0),
  };
  const first = primary[sort.key];
  const sign = sort.desc ? -1 : 1;
  keyed.sort(
    (a, b) =>
      sign * first(a, b) || byUnit(a, b) || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0),
  );
  return keyed.map((k) => k.r);
}

/** The page asked for (empty past the last one). */
export function pageOf<T>(rows: T[], q: Pick<ListQuery, 'page' | 'pageSize'>) {
  const start = (q.page - 1) * q.pageSize;
  return {
    items: rows.slice(start, start + q.pageSize),
    total: rows.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}
