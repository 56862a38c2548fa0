// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { Chart } from '../../../../survey-client/console/results/chart-registry';

describe('the chart.js parts the console registers', () => {
  it('are the bar controller and element, the two scales and the tooltip, nothing else', () => {
    const ids = (items: Record<string, unknown>) => Object.keys(items).sort();
    const r = Chart.registry as unknown as Record<string, { items: Record<string, unknown> }>;
    expect(ids(r.controllers?.items ?? {})).toEqual(['bar']);
    expect(ids(r.elements?.items ?? {})).toEqual(['bar']);
    expect(ids(r.scales?.items ?? {})).toEqual(['category', 'linear']);
    expect(ids(r.plugins?.items ?? {})).toEqual(['tooltip']);
  });

  it('refuses a chart type it does not carry', () => {
    expect(() => Chart.registry.getController('line')).toThrow(/not a registered controller/);
  });
});
