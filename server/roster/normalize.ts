/**
 * Cleaning what offices type into their rosters: Unicode, spaces, capitalisation, phone numbers,
 * e-mail addresses, and a diacritics-free key for comparing names written different ways.
 * Pure functions, no I/O.
 */

// Zero-width characters and the BOM come in with copy-paste from Word and web pages.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Any run of Unicode white space (NBSP from Excel, tabs, line breaks inside a cell).
const SPACES = /[\s\u00A0\u2007\u202F]+/g;

/** NFC, invisible characters removed, white space trimmed and collapsed to single spaces. */
export function cleanText(raw: string | null | undefined): string {
  if (!raw) return '';
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/**
 * The comparison key: no diacritics, đ → d, lower case, punctuation as spaces ("Tài chính –
 * Kế hoạch" and "tai chinh - ke hoach" give the same key). `&` reads "và".
 */
export function foldKey(raw: string | null | undefined): string {
  return cleanText(raw)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/&/g, ' va ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const isUpper = (ch: string) => ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLower = (ch: string) => ch !== ch.toUpperCase() && ch === ch.toLowerCase();

/**
 * A person's name as it should be printed: "LÂM HỮU HIẾU" and "lâm hữu hiếu" become
 * "Lâm Hữu Hiếu"; a name already in mixed case is kept as typed ("Điểu K'Lang" stays).
 */
export function capitalizeName(raw: string): string {
  const name = cleanText(raw);
  const letters = [...name].filter((ch) => isUpper(ch) || isLower(ch));
  const allUpper = letters.every(isUpper);
  const allLower = letters.every(isLower);
  if (letters.length === 0 || !(allUpper || allLower)) return name;
  return name
    .split(' ')
    .map((word) => {
      const [first = '', ...rest] = [...word];
      return first.toLocaleUpperCase('vi') + rest.join('').toLocaleLowerCase('vi');
    })
    .join(' ');
}

export type PhoneResult =
  | { ok: true; phone: string; fixed: boolean }
  | { ok: false; reason: 'format' | 'multiple' };

/**
 * A Vietnamese phone number in its national form, "0912345678". Accepts what offices type:
 * `'0912…` (Excel's text prefix), dots, spaces, dashes, brackets, `+84`/`84`/`0084`. Mobile
 * numbers have 10 digits starting with 0; fixed lines 11 digits starting with 02 (area codes
 * since 2017).
 * A 9-digit number not starting with 0 is a mobile whose leading zero Excel dropped when the
 * cell was a number: the zero is put back and `fixed` says so. Empty → null.
 */
export function normalizePhone(raw: string | null | undefined): PhoneResult | null {
  const text = cleanText(raw).replace(/^'+/, '');
  if (text === '') return null;
  // Two numbers in one cell ("0912 345 678 / 0987 654 321") cannot be one person's key.
  const parts = text
    .split(/[/;,|]|\s-\s|\bhoặc\b/i)
    .filter((p) => /\d{6}/.test(p.replace(/\D/g, '')));
  if (parts.length > 1) return { ok: false, reason: 'multiple' };
  if (!/^[+\d\s().\-–]+$/.test(text)) return { ok: false, reason: 'format' };
  let digits = text.replace(/\D/g, '');
  if (text.trimStart().startsWith('+') || digits.startsWith('0084')) {
    digits = digits.replace(/^(00)?84/, '0');
  } else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) {
    digits = `0${digits.slice(2)}`;
  }
  let fixed = false;
  if (/^[35789]\d{8}$/.test(digits)) {
    digits = `0${digits}`;
    fixed = true;
  }
  if (/^0\d{9}$/.test(digits) || /^02\d{9}$/.test(digits)) {
    return { ok: true, phone: digits, fixed };
  }
  return { ok: false, reason: 'format' };
}

export type EmailResult = { ok: true; email: string } | { ok: false };

/** Lower case, `mailto:` dropped; a basic shape check (one @, a dot in the domain). Empty → null. */
export function normalizeEmail(raw: string | null | undefined): EmailResult | null {
  const text = cleanText(raw)
    .replace(/^mailto:/i, '')
    .toLowerCase();
  if (text === '') return null;
  if (/^[^\s@,;<>()"]+@[^\s@,;<>()"]+\.[a-z]{2,}$/.test(text)) return { ok: true, email: text };
  return { ok: false };
}

/** Levenshtein distance, two rows of memory (keys are short: unit and group names). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * How alike two keys are, 0…1: the edit-distance ratio, raised when one contains the other
 * as whole words ("tai chinh" in "tai chinh ke hoach").
 */
export function similarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const ratio = 1 - editDistance(a, b) / Math.max(a.length, b.length);
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const contained = short.length >= 4 && ` ${long} `.includes(` ${short} `);
  // Containment counts for more the more of the longer key it covers.
  return contained ? Math.max(ratio, 0.8 + (0.2 * short.length) / long.length) : ratio;
}
