import type { Group } from '../../questionnaires';
import { cleanText, foldKey, similarity } from './normalize';

/**
 * Recognising groups and units written the many ways offices write them (docs/method.md §16,
 * "Rosters"): with or without "UBND", "xã", "thị trấn", "Phòng", "huyện …", diacritics or the
 * usual abbreviations (TN&MT, LĐ-TB&XH). Only exact keys are taken; anything else is a problem
 * with suggestions, never a silent guess.
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

/** "xã Tân Hưng", "UBND xã Tân Hưng", "TT Tân Khai", "P. Nội vụ huyện Hớn Quản" → their core. */
export function unitCore(key: string): string {
  return key
    .replace(/^(ubnd|uy ban nhan dan|[uủ]y ban nhân dân) /, '')
    .replace(/^vp /, 'van phong ')
    .replace(/^(xa|xã|x|thi tran|thị trấn|tt|phong|phòng|p) /, '')
    .replace(/ huy[eệ]n( .*)?$/, '')
    .trim();
}

/** Like foldKey but keeping the diacritics: "Tân Hưng" and "Tân Hùng" stay two communes. */
const accentKey = (raw: string) =>
  cleanText(raw)
    .toLocaleLowerCase('vi')
    .replace(/&/g, ' và ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Initials of a core of three words or more, "và" left out: "tai nguyen va moi truong" → "tnmt". */
function acronym(core: string): string | undefined {
  const words = core.split(' ').filter((w) => w !== 'va');
  return words.length >= 3 ? words.map((w) => w[0]).join('') : undefined;
}

/** What a typed abbreviation reads as: "ld tb va xh" → "ldtbxh" (short words only). */
function typedAcronym(core: string): string | undefined {
  const words = core.split(' ').filter((w) => w !== 'va');
  return words.every((w) => w.length <= 4) && words.join('').length <= 8
    ? words.join('')
    : undefined;
}

function unitKeys(u: UnitLike): string[] {
  const full = foldKey(u.name);
  const core = unitCore(full);
  const keys = [full, core, foldKey(u.code), full.replace(/^(ubnd|uy ban nhan dan) /, '')];
  const acr = acronym(core);
  if (acr) keys.push(`acr:${acr}`);
  const accented = accentKey(u.name);
  keys.push(`a:${accented}`, `a:${unitCore(accented)}`);
  return keys.filter((k) => k !== '' && k !== 'acr:' && k !== 'a:');
}

/** Builds a key → values index; a key shared by several values is ambiguous. */
function indexBy<T>(values: T[], keysOf: (v: T) => string[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const v of values) {
    for (const k of new Set(keysOf(v))) {
      const list = index.get(k) ?? [];
      list.push(v);
      index.set(k, list);
    }
  }
  return index;
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

/** A matcher of typed unit names against `units` (memoised: 50,000 rows have few distinct units). */
export function unitMatcher<U extends UnitLike>(units: U[]): (raw: string) => Match<U> {
  const index = indexBy(units, unitKeys);
  const cores = units.map((u) => ({ u, full: foldKey(u.name), core: unitCore(foldKey(u.name)) }));
  return memo<U>((raw) => {
    const full = foldKey(raw);
    if (full === '') return { kind: 'missing' };
    const core = unitCore(full);
    const acr = typedAcronym(core);
    const accented = accentKey(raw);
    // Typed with its diacritics, a name is exact even where the folded keys of two units meet.
    const keys = [`a:${accented}`, `a:${unitCore(accented)}`, full, core, acr && `acr:${acr}`];
    for (const key of keys) {
      const found = key ? index.get(key) : undefined;
      const only = found?.length === 1 ? found[0] : undefined;
      if (only) return { kind: 'ok', value: only };
      if (found && found.length > 1) return { kind: 'ambiguous', suggestions: found };
    }
    const suggestions = suggest(cores, (c) =>
      Math.max(similarity(core, c.core), similarity(full, c.full)),
    ).map((c) => c.u);
    return { kind: 'unknown', suggestions };
  });
}

/** "Lãnh đạo cơ quan chuyên môn thuộc UBND huyện (Hớn Quản)" → without the district tail. */
const groupCore = (key: string) => key.replace(/ (thuoc )?(ubnd )?huyen( .*)?$/, '').trim();

function groupKeys(g: Group): string[] {
  const keys = [g.code, g.name, ...g.aliases].map(foldKey);
  return [...keys, ...keys.map(groupCore)].filter((k) => k !== '');
}

/** A matcher of typed group names against the definition's groups (code, name, aliases). */
export function groupMatcher(groups: Group[]): (raw: string) => Match<Group> {
  const index = indexBy(groups, groupKeys);
  const keyed = groups.map((g) => ({ g, keys: groupKeys(g) }));
  return memo<Group>((raw) => {
    const full = foldKey(raw);
    if (full === '') return { kind: 'missing' };
    for (const key of [full, groupCore(full)]) {
      const found = index.get(key);
      const only = found?.length === 1 ? found[0] : undefined;
      if (only) return { kind: 'ok', value: only };
      if (found && found.length > 1) return { kind: 'ambiguous', suggestions: found };
    }
    const suggestions = suggest(keyed, (x) =>
      Math.max(...x.keys.map((k) => similarity(full, k))),
    ).map((x) => x.g);
    return { kind: 'unknown', suggestions };
  });
}
