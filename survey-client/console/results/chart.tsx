import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type BarChart, chartHeight, legendOf } from '../../../analysis/charts';

interface Drawn {
  destroy(): void;
  resize(): void;
}

/**
 * Draws a chart built by analysis/charts.ts in a canvas, with its data as a table right below
 * (or folded in a <details>): the canvas is a picture for the eye, the table is what a screen
 * reader, a phone zoom or a printout reads. chart.js is loaded on first use; the chart is
 * destroyed when the component goes or its configuration changes. Where no canvas can be drawn
 * (an old browser, a test DOM) the table alone remains.
 */
export function Chart({
  config,
  label,
  children,
  folded = false,
}: {
  config: BarChart;
  /** What the picture shows, for screen readers ("Xếp hạng 13 xã, thị trấn theo điểm khảo sát"). */
  label: string;
  /** The same data as a table. */
  children: ComponentChildren;
  /** Put the table in a closed <details> (long tables under an overview chart). */
  folded?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  // The configuration is plain data: its JSON is its identity, and a fresh copy for chart.js,
  // which writes into the object it is given.
  const spec = JSON.stringify(config);
  const legend = legendOf(config);

  useEffect(() => {
    let chart: Drawn | undefined;
    let gone = false;
    // A printout lays the page out again: the chart follows its box (chart.js docs, "Responsive").
    const resize = () => chart?.resize();
    import('./chart-registry').then(
      ({ Chart: ChartJs, barValuesPlugin }) => {
        const el = canvas.current;
        if (gone || !el) return;
        let ctx: CanvasRenderingContext2D | null = null;
        try {
          ctx = el.getContext('2d');
        } catch {
          ctx = null;
        }
        if (!ctx) return;
        const copy = JSON.parse(spec) as BarChart;
        // A phone's canvas leaves the labels half its width: a smaller type keeps them whole.
        const y = copy.options?.scales?.y;
        const width = el.parentElement?.clientWidth ?? 0;
        if (y && width > 0 && width < 560)
          y.ticks = { ...y.ticks, font: { size: width < 400 ? 10 : 11 } };
        const texts = copy.options?.plugins?.barValues?.texts as string[][] | undefined;
        chart = new ChartJs(ctx, texts ? { ...copy, plugins: [barValuesPlugin({ texts })] } : copy);
        window.addEventListener('beforeprint', resize);
        window.addEventListener('afterprint', resize);
      },
      () => {
        if (!gone) setFailed(true);
      },
    );
    return () => {
      gone = true;
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
      chart?.destroy();
      chart = undefined;
    };
  }, [spec]);

  return (
    <div class="r-chart">
      <div class="r-chart-box" style={{ height: `${chartHeight(config)}px` }}>
        <canvas ref={canvas} role="img" aria-label={label}>
          {label}
        </canvas>
      </div>
      {legend.length > 0 && (
        <ul class="r-legend">
          {legend.map((l) => (
            <li key={l.label}>
              <span class="r-swatch" style={{ background: l.color }} aria-hidden="true" />
              {l.label}
            </li>
          ))}
        </ul>
      )}
      {failed && <p class="hint">Không tải được biểu đồ; số liệu đầy đủ ở bảng dưới đây.</p>}
      {folded ? (
        <details class="r-chart-table">
          <summary>Xem số liệu dạng bảng</summary>
          {children}
        </details>
      ) : (
        <div class="r-chart-table">{children}</div>
      )}
    </div>
  );
}
