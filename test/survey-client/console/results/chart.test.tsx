// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rankingChart, responseRateChart } from '../../../../analysis/charts';

/** chart.js stood in for: the wrapper's part is to create, copy, and destroy. */
const made: { config: unknown; destroyed: boolean }[] = [];
vi.mock('../../../../survey-client/console/results/chart-registry', () => ({
  Chart: class {
    entry: { config: unknown; destroyed: boolean };
    constructor(_ctx: unknown, config: unknown) {
      this.entry = { config, destroyed: false };
      made.push(this.entry);
    }
    destroy() {
      this.entry.destroyed = true;
    }
    resize() {}
  },
  barValuesPlugin: (values: unknown) => ({ id: 'barValues', values }),
}));

const { Chart } = await import('../../../../survey-client/console/results/chart');

const units = [
  {
    code: 'A',
    name: 'UBND xã An Phú',
    surveyScore: 15,
    maxScore: 20,
    surveyPercent: 75,
    noData: false,
  },
  {
    code: 'B',
    name: 'UBND xã Minh Đức',
    surveyScore: 16,
    maxScore: 20,
    surveyPercent: 80,
    noData: false,
  },
];

async function settle() {
  for (let i = 0; i < 5; i++) await act(() => new Promise((ok) => setTimeout(ok, 0)));
}

afterEach(() => {
  cleanup();
  made.length = 0;
  vi.restoreAllMocks();
});

describe('the chart wrapper', () => {
  it('draws a copy of the config in a labelled canvas, with the table below', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
      {} as CanvasRenderingContext2D,
    );
    const config = rankingChart(units);
    render(
      <Chart config={config} label="Xếp hạng 2 xã">
        <table>
          <caption>Bảng xếp hạng</caption>
        </table>
      </Chart>,
    );
    await settle();
    expect(screen.getByRole('img', { name: 'Xếp hạng 2 xã' }).tagName).toBe('CANVAS');
    expect(screen.getByRole('table', { name: 'Bảng xếp hạng' })).toBeTruthy();
    expect(made).toHaveLength(1);
    // chart.js writes into what it is given: the builder's object stays as it was. The values
    // at the bars' ends are drawn by a plugin given to this chart alone.
    const { plugins, ...given } = (made[0]?.config ?? {}) as typeof config;
    expect(given).toEqual(config);
    expect(given).not.toBe(config);
    expect(plugins).toEqual([{ id: 'barValues', values: { texts: [['80,00%', '75,00%']] } }]);
    // One dataset: no legend.
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('destroys the chart when the data changes and when it goes', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
      {} as CanvasRenderingContext2D,
    );
    const view = render(
      <Chart config={rankingChart(units)} label="Xếp hạng">
        <p>bảng</p>
      </Chart>,
    );
    await settle();
    view.rerender(
      <Chart config={rankingChart(units.slice(0, 1))} label="Xếp hạng">
        <p>bảng</p>
      </Chart>,
    );
    await settle();
    expect(made.map((m) => m.destroyed)).toEqual([true, false]);
    view.unmount();
    expect(made.map((m) => m.destroyed)).toEqual([true, true]);
  });

  it('without a canvas (an old browser, a test DOM) the table alone remains', async () => {
    render(
      <Chart config={rankingChart(units)} label="Xếp hạng" folded>
        <table>
          <caption>Bảng</caption>
        </table>
      </Chart>,
    );
    await settle();
    expect(made).toHaveLength(0);
    // Folded: the table sits in a <details> under "Xem số liệu dạng bảng".
    expect(screen.getByText('Xem số liệu dạng bảng').tagName).toBe('SUMMARY');
  });

  it('writes the legend of a chart with several datasets in HTML', async () => {
    render(
      <Chart
        config={responseRateChart([
          {
            groupCode: 'G1',
            groupName: 'Đại biểu HĐND huyện',
            unitCode: null,
            unitName: '',
            rate: 50,
          },
          {
            groupCode: 'G2',
            groupName: 'Công chức',
            unitCode: 'U',
            unitName: 'Phòng Nội vụ',
            rate: 70,
          },
        ])}
        label="Tỷ lệ"
      >
        <p>bảng</p>
      </Chart>,
    );
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Đại biểu HĐND huyện',
      'Công chức',
    ]);
  });
});
