import { describe, expect, it } from 'vitest';
import type { ProvinceResult } from '../../bench/province';
import type { TimedRequest } from '../../bench/province-api';
import { provinceSection } from '../../bench/province-report';

// BENCHMARKS.md's province table: each measure against its budget (1 s a request, 2 s a screen,
// 20 KB a first load); the slower of the first request and the median decides.
const request = (over: Partial<TimedRequest>): TimedRequest => ({
  label: 'Tracking',
  path: '/api/campaigns/{open}/tracking',
  status: 200,
  firstMs: 100,
  medianMs: 50,
  maxMs: 60,
  rounds: 4,
  rawBytes: 4000,
  wireBytes: 1000,
  gzipped: true,
  ...over,
});

function result(over: Partial<ProvinceResult>): ProvinceResult {
  return {
    seed: {
      sizes: { invitations: 5000, forms: 3000 },
      ratedUnits: { communes: 95, departments: 35 },
      runId: 'run',
      openGroups: { DB_HDND_TINH: 154 },
      closedForms: { DB_HDND_TINH: 93 },
      answers: 158_100,
      timings: { openInvitesMs: 1, closedInvitesMs: 1, formsMs: 1, closeMs: 1, runMs: 1 },
    },
    api: { open: [], results: [], invitationsPaged: true },
    console: { loginMs: 500, screens: [] },
    firstLoad: 'skipped',
    view: 'skipped',
    peer: 'skipped',
    submit: 'skipped',
    durationS: 1,
    ...over,
  };
}

const rowOf = (lines: string[], text: string) => lines.find((l) => l.includes(text)) ?? '';

describe('provinceSection', () => {
  it('fails a request whose first answer is over 1 s, even when the median is within it', () => {
    const lines = provinceSection(
      result({
        api: {
          open: [request({ label: 'Slow', firstMs: 1200, medianMs: 400 })],
          results: [request({ label: 'Fast' })],
          invitationsPaged: true,
        },
      }),
    );
    expect(rowOf(lines, 'API: Slow')).toContain('**fail**');
    expect(rowOf(lines, 'API: Fast')).toContain('| pass');
  });

  it('takes "nothing to compare with" as an answer, and any other error as a failure', () => {
    const lines = provinceSection(
      result({
        api: {
          open: [],
          results: [
            request({ label: 'Compare', status: 404, code: 'no_previous_campaign' }),
            request({ label: 'Missing run', status: 404, code: 'not_found' }),
          ],
          invitationsPaged: true,
        },
      }),
    );
    expect(rowOf(lines, 'API: Compare')).toContain('| pass');
    expect(rowOf(lines, 'API: Missing run')).toContain('answered 404 not_found');
    expect(rowOf(lines, 'API: Missing run')).toContain('**failed**');
  });

  it('holds a console screen to 2 s and a first load to 20 KB, beside the 2023 figures', () => {
    const file = (wireBytes: number) => ({
      url: 'http://x/s/t',
      kind: 'html' as const,
      status: 200,
      wireBytes,
      rawBytes: wireBytes * 3,
      headerBytes: 200,
      gzipped: true,
    });
    const lines = provinceSection(
      result({
        console: {
          loginMs: 500,
          screens: [
            {
              label: 'Results',
              path: '/console/c/{closed}/results/{run}',
              firstMs: 2100,
              medianMs: 1500,
              maxMs: 1600,
              contentFirstMs: 900,
              contentMedianMs: 700,
              rounds: 3,
              shown: '130 ranked units',
              requests: [],
            },
          ],
        },
        firstLoad: { resources: [file(20 * 1024 + 1)], missing: [] },
      }),
      { firstLoad: { resources: [file(15_000)], missing: [] } },
    );
    expect(rowOf(lines, 'Console: Results')).toContain('**fail**');
    const firstLoad = rowOf(lines, "A delegate's first load");
    expect(firstLoad).toContain('**fail**');
    expect(firstLoad).toContain('the 2023 demo: 15,000 B');
  });

  it('says when the invitations list did not page', () => {
    const paged = provinceSection(result({}));
    const unpaged = provinceSection(
      result({ api: { open: [], results: [], invitationsPaged: false } }),
    );
    expect(paged.join('\n')).not.toContain('does not page yet');
    expect(unpaged.join('\n')).toContain('does not page yet');
  });
});
