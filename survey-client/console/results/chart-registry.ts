import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

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

export { Chart };
