import { count } from '../format';
import type { Page } from '../table-view';

/**
 * "← Trang trước · Trang 2/5 (dòng 51–100 trong 231) · Trang sau →" for a table paged in the
 * browser (table-view.ts `pageOf`); styles/long-tables.css.
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
        <small>
          (dòng {count(page.from)}–{count(page.to)} trong {count(page.total)})
        </small>
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
