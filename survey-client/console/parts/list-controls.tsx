import { useEffect, useRef, useState } from 'preact/hooks';
import { SEARCH_MAX } from '../../../contract/console/invitation-list';
import { count } from '../format';
import { PAGE_SIZES, pageCount, rangeText } from './list-state';

/** How long typing may pause before the list is asked again. */
export const SEARCH_DELAY_MS = 300;

/**
 * "Tìm": name, phone or e-mail, diacritics optional. Asks once typing pauses (SEARCH_DELAY_MS),
 * or at once on Enter; follows `value` when it changes from outside (a cleared filter).
 */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    if (text === sent.current) return;
    const t = setTimeout(() => {
      sent.current = text;
      onSearch(text);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [text, onSearch]);
  return (
    <label class="search">
      Tìm theo họ tên, điện thoại, e-mail
      <input
        type="search"
        value={text}
        maxLength={SEARCH_MAX}
        placeholder="VD: nguyen van an, 0912…"
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          sent.current = text;
          onSearch(text);
        }}
      />
    </label>
  );
}

/** The orders a list offers (contract/console/invitation-list.ts `INVITATION_SORTS`). */
export const SORT_OPTIONS: [string, string][] = [
  ['', 'Đơn vị'],
  ['name', 'Tên (A–Z)'],
  ['group', 'Nhóm đối tượng'],
  ['status', 'Trạng thái'],
  ['-changed', 'Thay đổi gần nhất'],
];

export function SortSelect({ value, onSort }: { value: string; onSort: (s: string) => void }) {
  return (
    <label>
      Sắp xếp theo
      <select value={value} onChange={(e) => onSort(e.currentTarget.value)}>
        {SORT_OPTIONS.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * "Dòng 1–50 trong 4.812", the page buttons and the page size, for a list paged on the server;
 * the same words as ListPager's, for a table paged in the browser.
 */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
  onPageSize,
  label,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
  label: string;
}) {
  const last = pageCount(total, pageSize);
  return (
    <nav class="pager" aria-label={label}>
      <span class="range" aria-live="polite">
        {rangeText(page, pageSize, total)}
      </span>
      <button type="button" disabled={page <= 1} onClick={() => onPage(1)}>
        « <span class="sr-only">Trang đầu</span>
      </button>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Trang trước
      </button>
      <span class="page-of">
        Trang {count(Math.min(page, last))}/{count(last)}
      </span>
      <button type="button" disabled={page >= last} onClick={() => onPage(page + 1)}>
        Trang sau →
      </button>
      <button type="button" disabled={page >= last} onClick={() => onPage(last)}>
        <span class="sr-only">Trang cuối</span> »
      </button>
      <label class="page-size">
        Số dòng
        <select
          value={String(pageSize)}
          onChange={(e) => onPageSize(Number(e.currentTarget.value))}
        >
          {PAGE_SIZES.map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
