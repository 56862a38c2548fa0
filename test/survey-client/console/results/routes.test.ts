import { describe, expect, it } from 'vitest';
import {
  commentsPath,
  resultsPath,
  runApi,
  unitReportPath,
} from '../../../../survey-client/console/results/paths';
import { parseRoute } from '../../../../survey-client/console/router';

describe('results addresses', () => {
  it.each([
    ['/console/c/c2024/results', { name: 'campaign', id: 'c2024', tab: 'results' }],
    ['/console/c/c2024/results/r1', { name: 'campaign', id: 'c2024', tab: 'results', run: 'r1' }],
    [
      '/console/c/c2024/results/r1/unit/X-ANPHU/',
      { name: 'unit-report', id: 'c2024', run: 'r1', unit: 'X-ANPHU' },
    ],
    ['/console/c/c2024/comments', { name: 'campaign', id: 'c2024', tab: 'comments' }],
    ['/console/c/c2024/results/r1/unit', { name: 'not-found' }],
    ['/console/c/c2024/results/%E0%A4%A', { name: 'not-found' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('builds addresses that read back to the same route, whatever the ids hold', () => {
    const id = 'đợt 2024/1';
    const run = '../r"1';
    const unit = 'X/A?B';
    expect(parseRoute(unitReportPath(id, run, unit))).toEqual({
      name: 'unit-report',
      id,
      run,
      unit,
    });
    expect(parseRoute(resultsPath(id, run))).toEqual({ name: 'campaign', id, tab: 'results', run });
    expect(parseRoute(commentsPath(id))).toEqual({ name: 'campaign', id, tab: 'comments' });
    expect(runApi(id, run, '/lock')).toBe(
      '/api/campaigns/%C4%91%E1%BB%A3t%202024%2F1/runs/..%2Fr%221/lock',
    );
  });
});
