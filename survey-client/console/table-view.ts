/**
 * Pure helpers for long tables (a province's 130 units): searching a name as people type it,
 * with or without diacritics, and paging. No DOM.
 */

/** "UBND xã Đắk Ơ" → "ubnd xa dak o": no diacritics, đ → d, lower case, single spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether every word of `query` starts a word of `text`, in any order, diacritics or not: "dak o",
 * "Đắk Ơ", "o dak" and "xa da" all find "UBND xã Đắk Ơ"; "a" does not (no word starts with it).
 * Typed with or without diacritics, a name is found the same way.
 */
export function matchesSearch(text: string, query: string): boolean {
  const words = fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0) return true;
  const hay = fold(text).split(/[^\p{L}\p{N}]+/u);
  return words.every((w) => hay.some((h) => h.startsWith(w)));
}

/** Vietnamese alphabetical order ("Đ" after "D"), numbers by value. */
export const byVietnamese = (a: string, b: string) =>
  a.localeCompare(b, 'vi', { numeric: true, sensitivity: 'base' });

export interface Page<T> {
  rows: T[];
  /** 0-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown; 0 and 0 for none. */
  from: number;
  to: number;
  total: number;
}

/** The `page`-th slice of `size` rows; a page past the end shows the last one. */
export function pageOf<T>(rows: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(0, Math.floor(page) || 0), pages - 1);
  const slice = rows.slice(p * size, p * size + size);
  return {
    rows: slice,
    page: p,
    pages,
    from: slice.length ? p * size + 1 : 0,
    to: p * size + slice.length,
    total: rows.length,
  };
}
