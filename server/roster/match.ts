import type { Group } from '../../questionnaires';
import { FILLERS, KIND_WORDS, type Mode, readings } from './abbreviations';
import { foldKey, similarity } from './normalize';

/**
 * Recognising groups and units written the many ways offices write them (docs/method.md §16,
 * "Rosters"). Every key comes from the candidates' own names, aliases and codes, read through
 * a general dictionary of abbreviations (abbreviations.ts): "LĐ P. thuộc sở", "HĐND tỉnh ĐB",
 * "UBND X.Tân Hưng", without diacritics, in another word order. The keys are tried from the
 * strictest (same words, same diacritics) to the loosest (a group's words in any order, a
 * unit's kind written last, "các", "cấp", "thuộc", "và" left out); the first that fits decides:
 * one candidate is a match, several are ambiguous. A word with two meanings ("P." phòng or phường) is read both ways and the
 * candidates decide; two different fits are ambiguous. Anything else is a problem with
 * suggestions, never a silent guess.
 */

export interface UnitLike {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
}

export type Match<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'missing' }
  | { kind: 'unknown'; suggestions: T[] }
  | { kind: 'ambiguous'; suggestions: T[] };

const SUGGEST_MIN = 0.6;
const SUGGEST_MAX = 3;
const SUGGEST_SPREAD = 0.15;
/** Of a longer list in a group's name, only the first this many items stand on their own. */
const MAX_LIST = 6;

const join = (r: string[]) => r.join(' ');
const bag = (r: string[]) => [...r].sort().join(' ');
const split = (key: string) => key.split(' ').filter((w) => w !== '');
/** Without the fillers; "thuộc UBND X" is "thuộc X". */
const unfilled = (r: string[]) =>
  split(join(r).replace(/\bthuoc ubnd\b/g, 'thuoc')).filter((w) => !FILLERS.has(w));

const KIND = new RegExp(`^(${KIND_WORDS.join('|')}) `);
const KIND_LAST = new RegExp(`^(.+) ((ubnd )?(${KIND_WORDS.join('|')}))$`);

/**
 * "tan hung xa", "binh long phuong" → "xa tan hung", "phuong binh long". A name that already
 * starts with its kind stays as it is: "Xã Tân Phong" ends in a word that is no kind.
 */
const kindFirst = (r: string[]) => {
  const key = join(r);
  return KIND.test(key.replace(/^ubnd /, '')) ? r : split(key.replace(KIND_LAST, '$2 $1'));
};
const UNIT_TAIL = / thuoc( ubnd)? (tinh|huyen)( .*)?$| (tinh|huyen)( .*)?$/;

/**
 * "ubnd xa tan hung", "phong noi vu huyen hon quan", "thanh tra tinh" → "tan hung", "noi vu",
 * "thanh tra"; `tail` false keeps a trailing "tinh" or "huyen" (see nameKeys).
 */
export function unitCore(key: string, tail = true): string {
  const core = key.replace(/^ubnd /, '').replace(KIND, '');
  return (tail ? core.replace(UNIT_TAIL, '') : core).trim();
}

/** "ld cqcm thuoc ubnd huyen (hon quan)", "db hdnd tinh" → without the level's tail. */
const groupCore = (key: string, tail = true) =>
  tail ? key.replace(/ (thuoc )?(ubnd )?(huyen|tinh)( .*)?$/, '').trim() : key;

/** Groups' names stand for levels: "cấp xã" is its communes, wards and special zones alike. */
const COMMUNE_LEVEL = /\b(xa|phuong|thi tran|dac khu)\b/g;

interface Scheme {
  /** The name without its kind in front nor its level's tail; `tail` false keeps the tail. */
  core: (key: string, tail?: boolean) => string;
  /** The words put in their usual places ("Tân Hưng xã" → "xã Tân Hưng"). */
  arrange: (r: string[]) => string[];
  /** The key of words whose order does not matter (groups) or does (units). */
  order: (r: string[]) => string;
  /** The loosest key. */
  loose: (r: string[]) => string;
}

/**
 * A unit's own name keeps its word order ("Bình Long" is not "Long Bình", "An Bình" not
 * "Bình An"): only its kind may come last ("Tân Hưng xã").
 */
const UNIT: Scheme = {
  core: unitCore,
  arrange: kindFirst,
  order: join,
  loose: (r) => join(unfilled(r)),
};
/** A group's name is a description: its words in any order ("HĐND tỉnh ĐB"). */
const GROUP: Scheme = {
  core: groupCore,
  arrange: (r) => r,
  order: bag,
  loose: (r) => bag(unfilled(split(join(r).replace(COMMUNE_LEVEL, 'capxa')))),
};

/** A name's keys: as written, without "UBND" in front, its core; then order-free (fold only). */
function nameKeys(raw: string, { core, arrange, order, loose }: Scheme): string[] {
  const accent = readings(raw, 'accent');
  // Whether a trailing "tinh" is "tỉnh" (a tail to drop) or "Tịnh" ("Xã Sơn Tịnh", a name):
  // the definition's own diacritics say.
  const tail = accent.some((r) => core(join(r)) !== core(join(r), false));
  const coreOf = (key: string) => core(key, tail);
  const keys: string[] = [];
  for (const [mode, ns] of [
    ['accent', 'a'],
    ['fold', 'f'],
  ] as const) {
    for (const r of mode === 'accent' ? accent : readings(raw, mode)) {
      const full = join(r);
      keys.push(`${ns}:${full}`, `${ns}:${full.replace(/^ubnd /, '')}`, `${ns}:${coreOf(full)}`);
      if (mode === 'fold') {
        const a = arrange(r);
        const c = split(coreOf(join(a)));
        keys.push(`b:${order(a)}`, `b:${order(c)}`, `l:${loose(a)}`, `l:${loose(c)}`);
      }
    }
  }
  return keys;
}

/** The keys tried for a typed name, step by step: strictest first. */
function typedSteps(raw: string, { core, arrange, order, loose }: Scheme): string[][] {
  // Typed without a single diacritic, "thanh an" says nothing about "Thanh An" vs "Thạnh An".
  const accented = /[^\p{ASCII}]/u.test(raw);
  const read = { accent: accented ? readings(raw, 'accent') : [], fold: readings(raw, 'fold') };
  const steps = (mode: Mode, ns: string, fns: ((r: string[]) => string)[]) =>
    fns.map((f) => read[mode].map((r) => `${ns}:${f(r)}`));
  const coreOf = (r: string[]) => split(core(join(r)));
  const arranged = (f: (r: string[]) => string) => (r: string[]) => f(arrange(r));
  const arrangedCore = (f: (r: string[]) => string) => (r: string[]) => f(coreOf(arrange(r)));
  return [
    ...steps('accent', 'a', [join, (r) => join(coreOf(r))]),
    ...steps('fold', 'f', [join, (r) => join(coreOf(r))]),
    ...steps('fold', 'b', [arranged(order), arrangedCore(order)]),
    ...steps('fold', 'l', [arranged(loose), arrangedCore(loose)]),
  ];
}

/** Builds a key → values index; a key shared by several values is ambiguous. */
function indexBy<T>(values: T[], keysOf: (v: T) => string[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const v of values) {
    for (const k of new Set(keysOf(v))) {
      if (/^[a-z0-9]+:$/.test(k)) continue;
      const list = index.get(k) ?? [];
      list.push(v);
      index.set(k, list);
    }
  }
  return index;
}

/** The first step any key of which fits decides: one value, or several (ambiguous). */
function decide<T>(index: Map<string, T[]>, steps: string[][]): Match<T> | undefined {
  for (const keys of steps) {
    const found = new Set(keys.flatMap((k) => index.get(k) ?? []));
    if (found.size === 1) return { kind: 'ok', value: [...found][0] as T };
    if (found.size > 1) return { kind: 'ambiguous', suggestions: [...found] };
  }
  return undefined;
}

/** The closest candidates: above a floor, and not far behind the best one. */
function suggest<T>(candidates: T[], score: (v: T) => number): T[] {
  const scored = candidates.map((v) => ({ v, s: score(v) }));
  const best = Math.max(0, ...scored.map((x) => x.s));
  return scored
    .filter((x) => x.s >= Math.max(SUGGEST_MIN, best - SUGGEST_SPREAD))
    .sort((a, b) => b.s - a.s)
    .slice(0, SUGGEST_MAX)
    .map((x) => x.v);
}

function memo<T>(fn: (raw: string) => Match<T>): (raw: string) => Match<T> {
  const cache = new Map<string, Match<T>>();
  return (raw) => {
    let m = cache.get(raw);
    if (!m) {
      m = fn(raw);
      cache.set(raw, m);
    }
    return m;
  };
}

/**
 * The units a respondent can work in: the district's offices and communes, i.e. the units
 * that no other unit belongs to (the province and the district have children).
 */
export function workplaceUnits<U extends UnitLike>(units: U[]): U[] {
  const parents = new Set(units.map((u) => u.parentCode).filter((c) => c !== null));
  return units.filter((u) => !parents.has(u.code));
}

/** A name's kind ("so", "phong" or "phuong" for "P.") and the words after it, tail dropped. */
function kindAndRest(raw: string): { kinds: string[]; rest: string[] } {
  const ws = split(foldKey(raw).replace(/^ubnd /, ''));
  const kinds = readings(ws[0] ?? '', 'fold')
    .map(join)
    .filter((k) => KIND_WORDS.includes(k));
  const rest = kinds.length > 0 ? ws.slice(1) : ws;
  return { kinds, rest: split(join(rest).replace(UNIT_TAIL, '')) };
}

/** Initials of a name of two words or more, "và" left out: "Sở Nội vụ" → so nv. */
function unitAcronyms(u: UnitLike): string[] {
  const { kinds, rest } = kindAndRest(u.name);
  const ws = rest.filter((w) => w !== 'va');
  if (ws.length < 2) return [];
  const acr = ws.map((w) => w[0]).join('');
  // Two initials are too few to stand alone: "TC" needs its "Sở" or "Phòng".
  return [...(ws.length >= 3 ? [`acr:${acr}`] : []), ...kinds.map((k) => `acr:${k} ${acr}`)];
}

/** What a typed abbreviation reads as: "Phòng LĐ-TB&XH" → ldtbxh, "Sở VHTTDL" → so vhttdl. */
function typedAcronyms(raw: string): string[] {
  const { kinds, rest } = kindAndRest(raw);
  const ws = rest.filter((w) => w !== 'va');
  const acr = ws.join('');
  const short = ws.every((w) => w.length <= 4) || (ws.length === 1 && acr.length <= 8);
  if (!short || acr.length > 8 || acr === '') return [];
  return [`acr:${acr}`, ...kinds.map((k) => `acr:${k} ${acr}`)];
}

/** A matcher of typed unit names against `units` (memoised: 50,000 rows have few distinct units). */
export function unitMatcher<U extends UnitLike>(units: U[]): (raw: string) => Match<U> {
  const index = indexBy(units, (u) => [
    ...nameKeys(u.name, UNIT),
    `f:${foldKey(u.code)}`,
    ...unitAcronyms(u),
  ]);
  const cores = units.map((u) => ({ u, full: foldKey(u.name), core: foldedCore(u.name) }));
  return memo<U>((raw) => {
    const full = foldKey(raw);
    if (full === '') return { kind: 'missing' };
    const found = decide(index, [...typedSteps(raw, UNIT), typedAcronyms(raw)]);
    if (found) return found;
    const core = foldedCore(raw);
    const suggestions = suggest(cores, (c) =>
      Math.max(similarity(core, c.core), similarity(full, c.full)),
    ).map((c) => c.u);
    return { kind: 'unknown', suggestions };
  });
}

/** The core of a name's first folded reading, for suggestions. */
const foldedCore = (raw: string) => unitCore(join(readings(raw, 'fold')[0] ?? []));

/**
 * A list in a group's name stands for each of its items and any few of them: "Lãnh đạo UBND
 * xã, phường, đặc khu" is also "Lãnh đạo UBND phường" and "Lãnh đạo UBND xã, phường". Where the
 * shared words end is not known, so every split of the first item's leading words and of the
 * last item's trailing words is tried; the keys of wrong splits are word salads nobody types.
 */
function listKeys(raw: string): string[] {
  const parts = raw.split(/[,;]/).map((p) => readings(p, 'fold'));
  if (parts.length < 2 || parts.some((p) => p.length === 0)) return [];
  let combos: string[][][] = [[]];
  for (const p of parts) combos = combos.flatMap((c) => p.map((r) => [...c, r]));
  const keys: string[] = [];
  for (const segs of combos.slice(0, 16)) {
    const first = segs[0] ?? [];
    const last = segs[segs.length - 1] ?? [];
    const n = segs.length;
    for (let p = 1; p < first.length; p++) {
      for (let s = 0; s < last.length; s++) {
        const lead = first.slice(0, p);
        const tail = last.slice(last.length - s);
        const items = segs.map((seg, k) =>
          k === 0 ? first.slice(p) : k === n - 1 ? last.slice(0, last.length - s) : seg,
        );
        for (let mask = 1; mask < 2 ** Math.min(n, MAX_LIST); mask++) {
          const r = [...lead, ...items.filter((_, k) => mask & (1 << k)).flat(), ...tail];
          keys.push(`l:${GROUP.loose(r)}`, `l:${GROUP.loose(split(groupCore(join(r))))}`);
        }
      }
    }
  }
  return keys;
}

function groupKeys(g: Group): string[] {
  const names = [g.name, ...g.aliases];
  return [`f:${foldKey(g.code)}`, ...names.flatMap((n) => [...nameKeys(n, GROUP), ...listKeys(n)])];
}

/** The suggestion keys of a group: its code, names and aliases, as written and as read. */
function groupSuggestKeys(g: Group): string[] {
  const keys = [g.code, g.name, ...g.aliases].flatMap((n) => [
    foldKey(n),
    join(readings(n, 'fold')[0] ?? []),
  ]);
  return [...keys, ...keys.map((k) => groupCore(k))].filter((k) => k !== '');
}

/** A matcher of typed group names against the definition's groups (code, name, aliases). */
export function groupMatcher(groups: Group[]): (raw: string) => Match<Group> {
  const index = indexBy(groups, groupKeys);
  const keyed = groups.map((g) => ({ g, keys: groupSuggestKeys(g) }));
  return memo<Group>((raw) => {
    const full = foldKey(raw);
    if (full === '') return { kind: 'missing' };
    const found = decide(index, typedSteps(raw, GROUP));
    if (found) return found;
    const read = join(readings(raw, 'fold')[0] ?? []);
    const suggestions = suggest(keyed, (x) =>
      Math.max(...x.keys.map((k) => Math.max(similarity(full, k), similarity(read, k)))),
    ).map((x) => x.g);
    return { kind: 'unknown', suggestions };
  });
}
