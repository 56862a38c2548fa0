import { describe, expect, it } from 'vitest';
import type { ClusterResult } from '../../bench/cluster';
import { clusterSection } from '../../bench/cluster-report';
import type { LoadResult } from '../../bench/submit-load';

const run = (ok: number, p99: number, targetRps: number | null = null): LoadResult => ({
  label: 'x',
  concurrency: targetRps ? 'open loop (≤ 3 in flight)' : '32 connections',
  targetRps,
  durationS: 10,
  ok,
  non2xx: 0,
  errors: 0,
  achievedRps: ok / 10,
  p50: p99 / 2,
  p975: p99,
  p99,
  max: p99,
});
const setup = (label: string, perSecond: number, steadyP99: number) => ({
  label,
  highest: { ...run(perSecond * 10, 50), cpu: { server: 90, postgres: 60, client: 10 } },
  steady: run(1000, steadyP99, 100),
});

describe('the several-processes section of BENCHMARKS.md', () => {
  it('says whether two processes on PostgreSQL reach ×1.5 one on SQLite, and p99 at 100/s', () => {
    const result: ClusterResult = {
      sizes: { links: 100, steadyS: 10, highestS: 10 },
      answers: 180,
      setups: [
        setup('SQLite, 1 process', 100, 40),
        setup('PostgreSQL, 1 process', 90, 60),
        setup('PostgreSQL, 2 processes', 160, 120),
      ],
      baseline: { highest: run(3000, 20), steady: run(1000, 5, 100) },
    };
    const text = clusterSection(result).join('\n');
    expect(text).toContain('| SQLite, 1 process');
    expect(text).toContain('| 160/s');
    expect(text).toContain('baseline (parse + insert, SQLite) | 300/s');
    expect(text).toContain('×1.60, met');
    expect(text).toContain('p99 ≤ 100 ms at 100/s on two processes on PostgreSQL: 120 ms, not met');
    expect(text).toContain('160 % of one core in all');
  });

  it('names a setup that could not be measured, and makes no claim without it', () => {
    const text = clusterSection({
      sizes: { links: 100, steadyS: 10, highestS: 10 },
      answers: 180,
      setups: [
        setup('SQLite, 1 process', 100, 40),
        { label: 'PostgreSQL, 2 processes', problem: 'the 2 workers did not all start in 60 s' },
      ],
      baseline: 'not measured',
    }).join('\n');
    expect(text).toContain('not measured: the 2 workers did not all start in 60 s');
    expect(text).not.toContain('Goal:');
  });
});
