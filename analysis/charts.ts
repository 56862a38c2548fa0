import type { ChartConfiguration, ChartType } from 'chart.js';

/**
 * The results charts as plain data: each builder turns figures into a chart.js configuration
 * with no function, no DOM and no chart.js runtime in it, so that a test can compare it with
 * JSON and the console's wrapper (survey-client/console/results/chart.tsx) only has to draw it.
 * Every chart is a bar chart (horizontal, so long Vietnamese names fit on a phone): the wrapper
 * then registers the bar controller and two scales, nothing else.
 *
 * The numbers drawn are the ones the method already rounded; nothing here scores.
 */

/** A bar chart whose labels may be one line or several. */
export type BarChart = ChartConfiguration<'bar', (number | null)[], string | string[]>;

/**
 * The figure written at the end of each bar, as text already formatted in Vietnamese
 * ("81,25%"): `texts[dataset][row]`, '' for none. Drawn by the console's wrapper
 * (survey-client/console/results/chart.tsx); with 95 bars, nobody reads a value off an axis.
 */
export interface BarValues {
  texts: string[][];
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    barValues?: BarValues;
  }
}

/** The unit figures a ranking needs (a UnitResult of the results JSON fits). */
export interface RankInput {
  code: string;
  name: string;
  surveyScore: number;
  maxScore: number;
  surveyPercent: number;
  noData: boolean;
}

export interface RankedUnit extends RankInput {
  /** Null for a unit without data: it is not ranked. */
  rank: number | null;
}

export interface FieldInput {
  code: string;
  name: string;
  /** Null where the field has no maximum (RESCALE, none of its criteria has data). */
  percent: number | null;
}

export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E'] as const;
export type OptionKey = (typeof OPTION_KEYS)[number];

export interface DistributionInput {
  /** What the row is called on the chart ("P05 · Câu 3"). */
  label: string;
  /** A–E counts; null where the small-group rule hides the question for this unit. */
  counts: Record<OptionKey, number> | null;
}

export interface RateInput {
  groupCode: string;
  groupName: string;
  unitCode: string | null;
  unitName: string;
  /** Percent submitted of invited. */
  rate: number;
}

/** Colours with enough contrast on white; one per respondent group, in the definition's order. */
export const GROUP_COLORS = ['#0b57a4', '#c75300', '#2e7d32', '#6a1b9a', '#00838f', '#5d4037'];
/** A (best) green to D (worst) red; E ("Không biết") grey, outside the scale. */
export const OPTION_COLORS: Record<OptionKey, string> = {
  A: '#1b5e20',
  B: '#7cb342',
  C: '#f9a825',
  D: '#c62828',
  E: '#9e9e9e',
};
const BAR = '#0b57a4';
const NO_DATA = '#9aa3ad';

/** Longest label drawn on a canvas; the table below the chart has the whole text. */
const LABEL_MAX = 40;

/** "UBND xã Rất Dài Rất Dài…" — a canvas does not wrap, so a typed name must not run off it. */
export function shorten(text: string, max = LABEL_MAX): string {
  const chars = [...text.normalize('NFC').replace(/\s+/g, ' ').trim()];
  return chars.length <= max
    ? chars.join('')
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** Words over lines of at most `width` characters, at most `lines` lines (the last shortened). */
export function wrap(text: string, width = 24, lines = 2): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.normalize('NFC').split(/\s+/).filter(Boolean)) {
    if (line && [...line].length + 1 + [...word].length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  if (out.length <= lines) return out.map((l) => shorten(l, width));
  // The rest goes on the last line, which is then too long and so ends in "…".
  return [...out.slice(0, lines - 1), out.slice(lines - 1).join(' ')].map((l) => shorten(l, width));
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'vi');

/**
 * Units by survey score, highest first; equal scores share a rank ("1, 2, 2, 4"), as in the
 * exports (server/results/export/format.ts `ranks`), and tie in the order of their names. A unit without
 * data is not ranked and comes last.
 */
export function rankUnits<T extends RankInput>(
  units: readonly T[],
): (T & { rank: number | null })[] {
  const scored = units.filter((u) => !u.noData);
  const ranked = [...scored]
    .sort((a, b) => b.surveyScore - a.surveyScore || byName(a, b))
    .map((u) => ({
      ...u,
      rank: 1 + scored.filter((v) => v.surveyScore > u.surveyScore).length,
    }));
  const unranked = units
    .filter((u) => u.noData)
    .sort(byName)
    .map((u) => ({ ...u, rank: null }));
  return [...ranked, ...unranked];
}

const percentAxis = (title: string) => ({
  min: 0,
  max: 100,
  title: { display: true, text: title },
  ticks: { stepSize: 20, maxRotation: 0 },
});

/**
 * The shared options: horizontal bars, Vietnamese number format, size from the wrapper's box.
 * The legend is not drawn on the canvas, where a long group name cannot wrap and runs off a
 * phone's screen: the wrapper writes it in HTML from `legendOf`.
 */
function horizontal(axisTitle: string) {
  return {
    indexAxis: 'y' as const,
    responsive: true,
    maintainAspectRatio: false,
    locale: 'vi-VN',
    animation: false as const,
    plugins: { legend: { display: false } },
    scales: { x: percentAxis(axisTitle), y: { ticks: { autoSkip: false } } },
  };
}

/** What each colour means, for a chart with more than one dataset; [] otherwise. */
export function legendOf(config: BarChart): { label: string; color: string }[] {
  const sets = config.data.datasets;
  if (sets.length < 2) return [];
  return sets.map((d) => ({
    label: d.label ?? '',
    color: typeof d.backgroundColor === 'string' ? d.backgroundColor : BAR,
  }));
}

/** "81,25%": a percent as the method rounded it, two decimals, Vietnamese separators. */
const percentText = (n: number) =>
  `${n.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;
/** "66,7%": a response rate, at most one decimal. */
const rateText = (n: number) => `${n.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;

/**
 * Horizontal bars of the units' survey %, best first, each labelled with its rank
 * ("1. UBND xã An Phú") and its value at the bar's end; units without data last, grey, at 0.
 */
export function rankingChart(units: readonly RankInput[]): BarChart {
  return rankedChart(rankUnits(units));
}

/**
 * The same bars for units already ranked (by `rankUnits` over the whole index) and chosen or
 * ordered by the console: a page of 25 of a province's 95 communes keeps their ranks.
 */
export function rankedChart(ranked: readonly (RankInput & { rank: number | null })[]): BarChart {
  return {
    type: 'bar',
    data: {
      labels: ranked.map((u) =>
        wrap(u.rank === null ? `— ${u.name} (không đủ dữ liệu)` : `${u.rank}. ${u.name}`),
      ),
      datasets: [
        {
          label: 'Điểm khảo sát (%)',
          data: ranked.map((u) => (u.noData ? 0 : u.surveyPercent)),
          backgroundColor: ranked.map((u) => (u.noData ? NO_DATA : BAR)),
          maxBarThickness: 28,
        },
      ],
    },
    options: withValues(horizontal('Điểm khảo sát (% điểm tối đa)'), [
      ranked.map((u) => (u.noData ? '' : percentText(u.surveyPercent))),
    ]),
  };
}

/** `options` with the bars' value texts (`BarValues`). */
function withValues<O extends ReturnType<typeof horizontal>>(options: O, texts: string[][]) {
  return {
    ...options,
    // Room at the right for "100,00%" after a full bar.
    layout: { padding: { right: 64 } },
    plugins: { ...options.plugins, barValues: { texts } },
  };
}

/** A unit's fields, in the definition's order, as % of each field's maximum. */
export function fieldProfileChart(fields: readonly FieldInput[]): BarChart {
  return {
    type: 'bar',
    data: {
      labels: fields.map((f) => wrap(`${f.code} ${f.name}`)),
      datasets: [
        {
          label: 'Tỷ lệ điểm của lĩnh vực (%)',
          data: fields.map((f) => f.percent),
          backgroundColor: BAR,
          maxBarThickness: 28,
        },
      ],
    },
    options: withValues(horizontal('% điểm tối đa của lĩnh vực'), [
      fields.map((f) => (f.percent === null ? '' : percentText(f.percent))),
    ]),
  };
}

/** Percent of `n` in `total`, one decimal (for drawing only: counts are in the table). */
const share = (n: number, total: number) => (total > 0 ? Math.round((n / total) * 1000) / 10 : 0);

/**
 * The A–E answers to each question about one unit, stacked to 100%. Questions hidden by the
 * small-group rule are left out of the chart (their table row says why); `optionNames` names
 * the legend ("A (tốt nhất)", … "E: Không biết/Không trả lời").
 */
export function distributionChart(
  rows: readonly DistributionInput[],
  optionNames: Record<OptionKey, string>,
): BarChart {
  const shown = rows.filter(
    (r): r is DistributionInput & { counts: Record<OptionKey, number> } => r.counts !== null,
  );
  const totals = shown.map((r) => OPTION_KEYS.reduce((s, o) => s + r.counts[o], 0));
  return {
    type: 'bar',
    data: {
      labels: shown.map((r) => shorten(r.label)),
      datasets: OPTION_KEYS.map((o) => ({
        label: optionNames[o],
        data: shown.map((r, i) => share(r.counts[o], totals[i] ?? 0)),
        backgroundColor: OPTION_COLORS[o],
        maxBarThickness: 24,
      })),
    },
    options: {
      ...horizontal('% số câu trả lời'),
      scales: {
        x: { ...percentAxis('% số câu trả lời'), stacked: true },
        y: { stacked: true, ticks: { autoSkip: false } },
      },
    },
  };
}

/**
 * Response rates per group × unit: one row per unit (a group that is not counted by unit,
 * such as the delegates, is its own row), one bar colour per group; a group with no one at a
 * unit draws nothing there (`skipNull`).
 */
export function responseRateChart(cells: readonly RateInput[]): BarChart {
  const rowKey = (c: RateInput) => (c.unitCode === null ? `g:${c.groupCode}` : `u:${c.unitCode}`);
  const rows: { key: string; label: string }[] = [];
  const groups: { code: string; name: string }[] = [];
  for (const c of cells) {
    const key = rowKey(c);
    if (!rows.some((r) => r.key === key))
      rows.push({
        key,
        label: c.unitCode === null ? `${c.groupName} (${c.unitName})` : c.unitName,
      });
    if (!groups.some((g) => g.code === c.groupCode))
      groups.push({ code: c.groupCode, name: c.groupName });
  }
  const rate = new Map(cells.map((c) => [`${c.groupCode}\u0000${rowKey(c)}`, c.rate]));
  const data = groups.map((g) => rows.map((r) => rate.get(`${g.code}\u0000${r.key}`) ?? null));
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => wrap(r.label)),
      datasets: groups.map((g, i) => ({
        label: shorten(g.name, 80),
        data: data[i] ?? [],
        backgroundColor: GROUP_COLORS[i % GROUP_COLORS.length],
        maxBarThickness: 22,
      })),
    },
    options: {
      ...withValues(
        horizontal('Tỷ lệ đã gửi phiếu (%)'),
        data.map((row) => row.map((v) => (v === null ? '' : rateText(v)))),
      ),
      skipNull: true,
    },
  };
}

/**
 * A height in CSS pixels that gives each row of a horizontal bar chart room for its label lines
 * and bars, plus the axis.
 */
export function chartHeight(config: BarChart): number {
  const labels = config.data.labels ?? [];
  const lines = labels.reduce<number>((n, l) => n + (Array.isArray(l) ? l.length : 1), 0);
  const stacked = Boolean(
    (config.options?.scales?.y as { stacked?: boolean } | undefined)?.stacked,
  );
  const barsPerRow = stacked
    ? 1
    : Math.max(
        1,
        ...labels.map(
          (_, i) =>
            config.data.datasets.filter((d) => d.data[i] !== null && d.data[i] !== undefined)
              .length,
        ),
      );
  const perRow = Math.max(26, 16 * barsPerRow + 10);
  return Math.round(Math.max(labels.length * perRow, lines * 15 + labels.length * 10) + 60);
}
