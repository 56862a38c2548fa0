import { count } from '../format';
import type { Page } from '../table-view';
import { rowsText } from './list-state';

/**
 * "← Trang trước · Trang 2/5 Dòng 51–100 trong 231 · Trang sau →" for a table paged in the
 * browser (table-view.ts `pageOf`), in the words of the server-paged lists' Pager;
 * styles/long-tables.css.
 */
export function ListPager({
  page,
  label,
  onPage,
}: {
  page: Page<unknown>;
  /** What the navigation is called for a screen reader; say which of the two pagers it is. */
  label: string;
  onPage: (page: number) => void;
}) {
  return (
    <nav class="list-pager" aria-label={label}>
      <button type="button" disabled={page.page === 0} onClick={() => onPage(page.page - 1)}>
        ← Trang trước
      </button>
      <span>
        Trang {count(page.page + 1)}/{count(page.pages)}{' '}
        <small>{rowsText(page.from, page.to, page.total)}</small>
      </span>
      <button
        type="button"
        disabled={page.page >= page.pages - 1}
        onClick={() => onPage(page.page + 1)}
      >
        Trang sau →
      </button>
    </nav>
  );
}
