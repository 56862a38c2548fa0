import { cleanText } from './normalize';

/**
 * How offices shorten administrative words in their rosters (docs/method.md §16): a general
 * dictionary of Vietnamese abbreviations, never a list of groups or units. A definition's names
 * and a typed cell are read the same way into "readings": lists of canonical words in which
 * "LĐ" and "lãnh đạo" are both `ld`, "UBND" and "Ủy ban nhân dân" both `ubnd`. An abbreviation
 * with several meanings ("P." phòng or phường, "TT" thị trấn, trung tâm or thanh tra) gives one
 * reading per meaning; the matcher keeps the one the candidates decide (server/roster/match.ts).
 */

/** Written forms (full words with their diacritics, or the abbreviation) → canonical meanings. */
const DICTIONARY: [forms: string[], meanings: string[]][] = [
  [['lãnh đạo', 'lđ'], ['ld']],
  [['đại biểu', 'đb'], ['db']],
  [['hội đồng nhân dân', 'hđnd'], ['hdnd']],
  [['ủy ban nhân dân', 'ubnd'], ['ubnd']],
  [['cơ quan chuyên môn', 'cqcm'], ['cqcm']],
  [['chuyên môn', 'cm'], ['chuyen mon']],
  [['công chức', 'cc'], ['cc']],
  [['cán bộ', 'cb'], ['cb']],
  [['văn phòng', 'vp'], ['vp']],
  [['thành phố', 'tp'], ['tp']],
  [['thị xã', 'tx'], ['tx']],
  [['thị trấn'], ['thi tran']],
  [['trung tâm'], ['trung tam']],
  [['thanh tra'], ['thanh tra']],
  [['tt'], ['thi tran', 'trung tam', 'thanh tra']],
  [['phục vụ', 'pv'], ['pv']],
  [['hành chính công', 'hcc'], ['hcc']],
  [['pvhcc'], ['pv hcc']],
  [['ttpvhcc'], ['trung tam pv hcc']],
  [['khu công nghiệp', 'kcn'], ['kcn']],
  [['quản lý', 'ql'], ['ql']],
  [['bql'], ['ban ql']],
  [['mặt trận tổ quốc', 'mttq'], ['mttq']],
  [['phòng'], ['phong']],
  [['phường'], ['phuong']],
  [['p'], ['phong', 'phuong']],
  [['xã', 'x'], ['xa']],
  [['đặc khu'], ['dac khu']],
  [['sở'], ['so']],
  [['tỉnh'], ['tinh']],
  [['huyện', 'h'], ['huyen']],
  [['quận', 'q'], ['quan']],
  [['cấp'], ['cap']],
  [['các'], ['cac']],
  [['thuộc'], ['thuoc']],
  [['và'], ['va']],
];

/** Kinds of unit a name may start with: "Xã Tân Hưng", "Sở Nội vụ", "Phòng Tư pháp". */
export const KIND_WORDS = [
  'xa',
  'phuong',
  'thi tran',
  'dac khu',
  'phong',
  'so',
  'tx',
  'tp',
  'quan',
  'huyen',
];

/** Words that change nothing about whom a name means: "các", "cấp", "thuộc", "và". */
export const FILLERS = new Set(['cac', 'cap', 'thuoc', 'va']);

/** More readings than this (a cell of many "P."s) is read as none: nothing is guessed from it. */
const MAX_READINGS = 16;

// The five tone marks; the other marks (â, ă, ê, ô, ơ, ư) are letters of their own.
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** A word with its tone mark moved to the end: "hoà" and "hòa", "uỷ" and "ủy" read the same. */
export function toneKey(word: string): string {
  const d = word.normalize('NFD');
  return d.replace(TONES, '').normalize('NFC') + (d.match(TONES) ?? []).join('');
}

/** A word without diacritics, đ → d. */
export const foldWord = (word: string) =>
  word.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

const isAscii = (word: string) => /^[a-z0-9]+$/.test(word);

/** Lower-case words, `&` read "và", punctuation dropped ("P.Bình Long" → p, bình, long). */
export const words = (raw: string) =>
  cleanText(raw)
    .toLocaleLowerCase('vi')
    .replace(/&/g, ' và ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');

/**
 * `accent`: keeps the diacritics (tone placement aside), a word typed without any reads as any
 * word it folds to; `fold`: no diacritics at all.
 */
export type Mode = 'accent' | 'fold';

interface Entry {
  form: { tone: string; fold: string }[];
  meanings: string[][];
}

// By first word (folded), longest forms first: "ủy ban nhân dân" is read before any shorter form.
const ENTRIES = new Map<string, Entry[]>();
for (const [forms, meanings] of DICTIONARY) {
  for (const f of forms) {
    const form = words(f).map((w) => ({ tone: toneKey(w), fold: foldWord(w) }));
    const key = form[0]?.fold ?? '';
    const list = ENTRIES.get(key) ?? [];
    list.push({ form, meanings: meanings.map((m) => m.split(' ')) });
    ENTRIES.set(
      key,
      list.sort((a, b) => b.form.length - a.form.length),
    );
  }
}

type Word = { text: string; tone: string; fold: string };

function same(mode: Mode, word: Word, form: Entry['form'][number]): boolean {
  if (mode === 'fold') return word.fold === form.fold;
  return isAscii(word.text) ? word.text === form.fold : word.tone === form.tone;
}

/**
 * The readings of a name: each a list of canonical words ("UBND P. Bình Long" in `fold` mode →
 * [ubnd, phong, binh, long] and [ubnd, phuong, binh, long]). Empty when there would be more
 * than MAX_READINGS.
 */
export function readings(raw: string, mode: Mode): string[][] {
  const ws = words(raw).map((text) => ({ text, tone: toneKey(text), fold: foldWord(text) }));
  let out: string[][] = [[]];
  for (let i = 0; i < ws.length; ) {
    const at = i;
    const entry = ENTRIES.get((ws[i] as Word).fold)?.find(
      (e) =>
        at + e.form.length <= ws.length &&
        e.form.every((f, j) => same(mode, ws[at + j] as Word, f)),
    );
    const word = ws[i] as Word;
    const meanings = entry ? entry.meanings : [[mode === 'fold' ? word.fold : word.tone]];
    i += entry ? entry.form.length : 1;
    out = out.flatMap((r) => meanings.map((m) => [...r, ...m]));
    if (out.length > MAX_READINGS) return [];
  }
  return ws.length === 0 ? [] : out;
}
