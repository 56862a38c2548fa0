import type { Unit } from './model';

/**
 * Lower case, without diacritics, "đ" as "d": what the units search compares, so that
 * "tan hung", "Tân Hưng" and "TAN HUNG" all find "Xã Tân Hưng", and "dong" finds "Đồng".
 */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

const wordsOf = (text: string) =>
  fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Every word typed begins a word of `text` ("tan hu" is in "Xã Tân Hưng", "an hung" is not). */
function startsWords(typed: string[], text: string) {
  const words = wordsOf(text);
  return typed.every((t) => words.some((w) => w.startsWith(t)));
}

/**
 * The units a search finds, in the list's order: those whose name has every word typed, or those
 * of an area named by them ("hon quan" lists every commune of "Huyện Hớn Quản (cũ)"). Name and
 * area are not mixed, so that "tan hung" does not bring every "Hưng" of an area called "Tân…".
 */
export function findUnits(units: Unit[], query: string): Unit[] {
  const typed = wordsOf(query);
  if (!typed.length) return units;
  return units.filter(
    (u) => startsWords(typed, u.name) || (u.area !== undefined && startsWords(typed, u.area)),
  );
}

/**
 * The unit Enter ticks: the one unit found, or the one whose own name has the words typed when
 * the same words also name a former district ("loc ninh": Xã Lộc Ninh, not every commune of
 * "Huyện Lộc Ninh (cũ)"); none when that is still more than one.
 */
export function unitOnEnter(units: Unit[], query: string): Unit | undefined {
  const found = findUnits(units, query);
  if (found.length === 1) return found[0];
  const typed = wordsOf(query);
  const named = found.filter((u) => startsWords(typed, u.name));
  return named.length === 1 ? named[0] : undefined;
}

/** A search to show as an example: the last two words of the first unit's name, folded. */
export const searchExample = (units: Unit[]) =>
  wordsOf(units[0]?.name ?? 'Tân Hưng')
    .slice(-2)
    .join(' ');

export interface Area {
  /** null for the units the unit set gives no area: listed first, under no heading. */
  name: string | null;
  units: Unit[];
}

/**
 * The units by former district, areas in the order they first appear, units in list order. Two
 * spellings of one area that differ only in case or marks ("Thị xã", "Thị Xã") are one area, shown
 * as first spelt.
 */
export function byArea(units: Unit[]): Area[] {
  const areas = new Map<string | null, Area>([[null, { name: null, units: [] }]]);
  for (const u of units) {
    const key = u.area === undefined ? null : fold(u.area);
    const area = areas.get(key);
    if (area) area.units.push(u);
    else areas.set(key, { name: u.area ?? null, units: [u] });
  }
  return [...areas.values()].filter((a) => a.units.length);
}
