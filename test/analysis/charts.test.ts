import { describe, expect, it } from 'vitest';
import {
  type BarChart,
  chartHeight,
  distributionChart,
  fieldProfileChart,
  legendOf,
  OPTION_COLORS,
  type RankInput,
  rankedChart,
  rankingChart,
  rankUnits,
  responseRateChart,
  shorten,
  wrap,
} from '../../analysis/charts';

const unit = (code: string, name: string, surveyScore: number, noData = false): RankInput => ({
  code,
  name,
  surveyScore,
  maxScore: 20,
  // As the method gives it: score / max × 100, two decimals.
  surveyPercent: Math.round(surveyScore * 500) / 100,
  noData,
});

const communes = [
  unit('X-A', 'UBND xã An Phú', 14.5),
  unit('X-B', 'UBND xã Minh Đức', 16.25),
  unit('X-C', 'UBND xã Tân Hưng', 14.5),
  unit('X-D', 'UBND xã Đồng Nơ', 0, true),
  unit('X-E', 'UBND thị trấn Tân Khai', 12),
];

/** The config survives JSON unchanged: no function, no class, no DOM in it. */
const isPlainData = (c: BarChart) => expect(JSON.parse(JSON.stringify(c))).toEqual(c);

describe('rankUnits', () => {
  it('ranks by score, equal scores share a rank and tie by name; no data comes last, unranked', () => {
    expect(rankUnits(communes).map((u) => [u.rank, u.code])).toEqual([
      [1, 'X-B'],
      [2, 'X-A'],
      [2, 'X-C'],
      [4, 'X-E'],
      [null, 'X-D'],
    ]);
  });

  it.each([
    ['nobody', [], []],
    ['one unit', [unit('U', 'UBND xã A', 3)], [1]],
    ['all without data', [unit('U', 'A', 0, true), unit('V', 'B', 0, true)], [null, null]],
    ['all equal', [unit('U', 'B', 5), unit('V', 'A', 5)], [1, 1]],
  ] as const)('%s', (_, units, ranks) => {
    expect(rankUnits(units).map((u) => u.rank)).toEqual(ranks);
  });
});

describe('rankingChart', () => {
  const c = rankingChart(communes);

  it('draws horizontal bars of the survey %, best first, labelled with the rank', () => {
    expect(c.type).toBe('bar');
    expect(c.options?.indexAxis).toBe('y');
    // Two short lines at most: a canvas does not wrap, and a phone is narrow.
    expect(c.data.labels).toEqual([
      ['1. UBND xã Minh Đức'],
      ['2. UBND xã An Phú'],
      ['2. UBND xã Tân Hưng'],
      ['4. UBND thị trấn Tân', 'Khai'],
      ['— UBND xã Đồng Nơ (không', 'đủ dữ liệu)'],
    ]);
    expect(c.data.datasets[0]?.data).toEqual([81.25, 72.5, 72.5, 60, 0]);
    expect(c.options?.scales?.x).toMatchObject({ min: 0, max: 100 });
    expect(c.options?.locale).toBe('vi-VN');
  });

  it('greys out the unit without data', () => {
    const colors = c.data.datasets[0]?.backgroundColor as string[];
    expect(new Set(colors.slice(0, 4)).size).toBe(1);
    expect(colors[4]).not.toBe(colors[0]);
  });

  it('is plain data, and a long typed name cannot run off the canvas', () => {
    isPlainData(c);
    expect(legendOf(c)).toEqual([]);
    const long = rankingChart([unit('L', `UBND xã ${'Rất Dài '.repeat(30)}`, 10)]);
    const lines = long.data.labels?.[0] as string[];
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => [...l].length <= 24)).toBe(true);
    expect(lines[1]?.endsWith('…')).toBe(true);
  });
});

describe('ranking a province: 95 communes', () => {
  const province = Array.from({ length: 95 }, (_, i) =>
    unit(`XA${i + 1}`, `UBND xã Số ${i + 1}`, (i * 37) % 20, i === 94),
  );

  it('writes each value at the end of its bar, in Vietnamese, none for a unit without data', () => {
    const c = rankingChart(communes);
    expect(c.options?.plugins?.barValues?.texts).toEqual([
      ['81,25%', '72,50%', '72,50%', '60,00%', ''],
    ]);
    // Room after a full bar for its text.
    expect(c.options?.layout).toEqual({ padding: { right: 64 } });
    isPlainData(c);
  });

  it('a page of the ranking keeps the ranks of the whole index', () => {
    const ranked = rankUnits(province);
    const page = rankedChart(ranked.slice(25, 50));
    expect(page.data.labels).toHaveLength(25);
    expect(String(page.data.labels?.[0]?.[0])).toMatch(/^2[0-9]\. UBND xã Số/);
    expect(page.data.datasets[0]?.data).toEqual(ranked.slice(25, 50).map((u) => u.surveyPercent));
    const last = rankedChart(ranked.slice(75));
    expect(last.data.labels?.at(-1)).toEqual(['— UBND xã Số 95 (không', 'đủ dữ liệu)']);
  });

  it('every one of 95 bars gets a row tall enough to read its name', () => {
    const c = rankingChart(province);
    expect(c.data.labels).toHaveLength(95);
    expect(c.options?.scales?.y).toMatchObject({ ticks: { autoSkip: false } });
    expect(chartHeight(c) / 95).toBeGreaterThanOrEqual(26);
  });
});

describe('fieldProfileChart', () => {
  it("draws each field's % in the definition's order, a field without maximum as a gap", () => {
    const c = fieldProfileChart([
      { code: 'LV1', name: 'Công tác chỉ đạo, điều hành cải cách hành chính', percent: 76 },
      { code: 'LV2', name: 'Xây dựng văn bản', percent: 50.5 },
      { code: 'LV3', name: 'Cải cách thủ tục hành chính', percent: null },
    ]);
    expect(c.data.datasets[0]?.data).toEqual([76, 50.5, null]);
    expect(c.data.labels?.[0]).toEqual(['LV1 Công tác chỉ đạo,', 'điều hành cải cách hành…']);
    expect(c.data.labels?.[1]).toEqual(['LV2 Xây dựng văn bản']);
    expect(c.options?.scales?.x).toMatchObject({ min: 0, max: 100 });
    expect(c.options?.plugins?.barValues?.texts).toEqual([['76,00%', '50,50%', '']]);
    isPlainData(c);
  });
});

describe('distributionChart', () => {
  const names = { A: 'A (tốt nhất)', B: 'B', C: 'C', D: 'D (kém nhất)', E: 'E: Không biết' };
  const c = distributionChart(
    [
      { label: 'P05 · Câu 1', counts: { A: 8, B: 10, C: 2, D: 0, E: 3 } },
      { label: 'P05 · Câu 2', counts: null },
      { label: 'P05 · Câu 3', counts: { A: 0, B: 0, C: 0, D: 0, E: 0 } },
    ],
    names,
  );

  it('stacks A–E to 100% per question, one dataset per option, hidden questions left out', () => {
    expect(c.data.labels).toEqual(['P05 · Câu 1', 'P05 · Câu 3']);
    expect(c.data.datasets.map((d) => d.label)).toEqual(Object.values(names));
    // 8/23, 10/23, 2/23, 0, 3/23 → one decimal.
    expect(c.data.datasets.map((d) => d.data[0])).toEqual([34.8, 43.5, 8.7, 0, 13]);
    // Nobody answered: nothing to draw, and no division by zero.
    expect(c.data.datasets.map((d) => d.data[1])).toEqual([0, 0, 0, 0, 0]);
    expect(c.data.datasets.map((d) => d.backgroundColor)).toEqual(Object.values(OPTION_COLORS));
    expect(c.options?.scales?.x).toMatchObject({ stacked: true, max: 100 });
    expect(c.options?.scales?.y).toMatchObject({ stacked: true });
    // The legend is HTML (long names wrap there), from legendOf.
    expect(c.options?.plugins?.legend?.display).toBe(false);
    expect(legendOf(c)).toEqual(
      Object.entries(names).map(([o, label]) => ({
        label,
        color: OPTION_COLORS[o as keyof typeof OPTION_COLORS],
      })),
    );
    isPlainData(c);
  });
});

describe('responseRateChart', () => {
  const cells = [
    {
      groupCode: 'HDND',
      groupName: 'Đại biểu HĐND huyện',
      unitCode: null,
      unitName: 'Không theo đơn vị',
      rate: 80,
    },
    {
      groupCode: 'LD_XA',
      groupName: 'Lãnh đạo UBND xã',
      unitCode: 'X-A',
      unitName: 'UBND xã An Phú',
      rate: 66.7,
    },
    {
      groupCode: 'CC',
      groupName: 'Công chức',
      unitCode: 'PNV',
      unitName: 'Phòng Nội vụ',
      rate: 50,
    },
    {
      groupCode: 'LD_PHONG',
      groupName: 'Lãnh đạo phòng',
      unitCode: 'PNV',
      unitName: 'Phòng Nội vụ',
      rate: 100,
    },
  ];
  const c = responseRateChart(cells);

  it('has a row per unit and a bar colour per group; no one at a unit draws nothing', () => {
    expect(c.data.labels).toEqual([
      ['Đại biểu HĐND huyện', '(Không theo đơn vị)'],
      ['UBND xã An Phú'],
      ['Phòng Nội vụ'],
    ]);
    expect(c.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Đại biểu HĐND huyện', [80, null, null]],
      ['Lãnh đạo UBND xã', [null, 66.7, null]],
      ['Công chức', [null, null, 50]],
      ['Lãnh đạo phòng', [null, null, 100]],
    ]);
    expect(c.options?.skipNull).toBe(true);
    expect(c.options?.plugins?.barValues?.texts).toEqual([
      ['80%', '', ''],
      ['', '66,7%', ''],
      ['', '', '50%'],
      ['', '', '100%'],
    ]);
    expect(new Set(c.data.datasets.map((d) => d.backgroundColor)).size).toBe(4);
    isPlainData(c);
  });

  it('no invitations: an empty chart', () => {
    const empty = responseRateChart([]);
    expect(empty.data.labels).toEqual([]);
    expect(empty.data.datasets).toEqual([]);
  });
});

describe('chartHeight', () => {
  it('grows with the rows and the bars side by side, with room for axis and legend', () => {
    const few = chartHeight(rankingChart(communes.slice(0, 2)));
    const all = chartHeight(rankingChart(communes));
    expect(all).toBeGreaterThan(few);
    expect(few).toBeGreaterThanOrEqual(100);
    const rates = responseRateChart([
      { groupCode: 'A', groupName: 'A', unitCode: 'U', unitName: 'U', rate: 1 },
      { groupCode: 'B', groupName: 'B', unitCode: 'U', unitName: 'U', rate: 2 },
    ]);
    const single = responseRateChart([
      { groupCode: 'A', groupName: 'A', unitCode: 'U', unitName: 'U', rate: 1 },
    ]);
    expect(chartHeight(rates)).toBeGreaterThan(chartHeight(single));
  });
});

describe('labels', () => {
  it.each([
    ['short', 'UBND xã An Phú', 40, 'UBND xã An Phú'],
    ['long', 'Một hai ba bốn năm sáu bảy', 10, 'Một hai b…'],
    ['spaces and NFD', 'Tân  Hu\u031bng', 40, 'Tân Hưng'],
  ])('shorten: %s', (_, text, max, expected) => {
    expect(shorten(text, max)).toBe(expected);
  });

  it('wrap keeps at most two lines, the rest shortened', () => {
    expect(wrap('một hai ba', 28)).toEqual(['một hai ba']);
    expect(wrap('một hai ba bốn năm sáu', 8, 2)).toEqual(['một hai', 'ba bốn…']);
  });
});
