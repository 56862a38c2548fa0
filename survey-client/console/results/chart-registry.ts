import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  type Plugin,
  Tooltip,
} from 'chart.js';
import type { BarValues } from '../../../analysis/charts';

/**
 * The only chart.js parts the results use, registered once: analysis/charts.ts draws bars only,
 * and legends are written in HTML by chart.tsx. Loaded on demand by chart.tsx, so chart.js sits
 * in its own chunk: neither the respondent's form nor a console screen without a chart
 * downloads it.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
// The page's own type, and a darker grey than chart.js's #666 for contrast on white.
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
Chart.defaults.font.size = 13;
Chart.defaults.color = '#3d454d';

/**
 * Writes each bar's value (analysis/charts.ts `BarValues`, already formatted) just past its end.
 * Given to each chart that has values (`plugins: [barValuesPlugin(texts)]`), not registered.
 */
export function barValuesPlugin(values: BarValues): Plugin<'bar'> {
  return {
    id: 'barValues',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.font = `600 12px ${Chart.defaults.font.family}`;
      ctx.fillStyle = '#1b1f24';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      chart.data.datasets.forEach((_, d) => {
        const meta = chart.getDatasetMeta(d);
        if (meta.hidden) return;
        meta.data.forEach((bar, i) => {
          const text = values.texts[d]?.[i];
          if (!text) return;
          const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
          ctx.fillText(text, x + 4, y);
        });
      });
      ctx.restore();
    },
  };
}

export { Chart };
