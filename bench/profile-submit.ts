// In-process cost of one office-leader submit (180 answers) through app.request(), no HTTP.
// Part of `npm run bench`; alone: `npx tsx bench/profile-submit.ts [N]`, or with
// `node --cpu-prof --import tsx bench/profile-submit.ts` to profile it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import type { SurveyView } from '../contract/respondent';
import { builtInDefinition, builtInUnitSet } from '../questionnaires';
import { createApp } from '../server/app';
import { createCampaign } from '../server/campaigns/service';
import { migrateToLatest, openDb } from '../server/db/connect';
import { addRespondents, listLinks } from '../server/invitations/service';
import { percentile, submitBodies } from './submit-load';

export interface InProcessSubmit {
  warmup: number;
  submits: number;
  answers: number;
  bodyBytes: number;
  /** Milliseconds per submit over the measured ones (after the warm-up). */
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * `warmup` then `submits` office-leader submits, one after the other, through `app.request()`
 * on a file database in `dir`: the server's own cost of a submit (validation, hashing, the
 * transaction) without HTTP, sockets or a load generator sharing the CPU. The body is the one
 * the HTTP runs send (built from the survey view: 180 answers, a comment, the demographics).
 */
export async function measureInProcessSubmit(
  dir: string,
  options: {
    warmup: number;
    submits: number;
    /** Another `PRAGMA synchronous` than the product's (bench/storage.ts compares them). */
    synchronous?: 'NORMAL' | 'FULL';
    file?: string;
  },
): Promise<InProcessSubmit> {
  const db = openDb(join(dir, options.file ?? 'submit-in-process.sqlite'));
  try {
    await migrateToLatest(db);
    if (options.synchronous)
      await sql.raw(`PRAGMA synchronous = ${options.synchronous}`).execute(db);
    const secret = 'x'.repeat(40);
    const id = await createCampaign(db, {
      name: 'Benchmark: in-process submits',
      definition: builtInDefinition(),
      unitSet: builtInUnitSet(),
      opensAt: '2020-01-01T00:00:00Z',
    });
    const total = options.warmup + options.submits;
    await addRespondents(
      db,
      secret,
      id,
      Array.from({ length: total }, (_, i) => ({
        name: `P${i}`,
        groupCode: 'LD_CQCM_HUYEN',
        unitCode: 'PNV',
      })),
    );
    const tokens = (await listLinks(db, { secret, publicUrl: '' }, id, new Map())).map((l) =>
      l.link.replace(/^.*\/s\//, ''),
    );
    const app = createApp({
      db,
      config: {
        secret,
        publicUrl: '',
        bodyLimit: 1 << 20,
        logRequests: false,
        trustProxy: false,
        clientDir: resolve(import.meta.dirname, '../dist/client'),
      },
    });
    // Each link is opened first, untimed, as a phone does minutes before submitting: that GET
    // claims it, and the submit carries the claim (its check is part of what is timed).
    const claims: string[] = [];
    let view: SurveyView | undefined;
    for (const token of tokens) {
      const viewRes = await app.request(`/api/s/${token}`);
      if (viewRes.status !== 200) throw new Error(`GET /api/s/<token> answered ${viewRes.status}`);
      view = (await viewRes.json()) as SurveyView;
      claims.push(view.claim ?? '');
    }
    if (!view) throw new Error('no links to submit through');
    const bodies = submitBodies(view);
    const times: number[] = [];
    for (const [i, token] of tokens.entries()) {
      const body = bodies.make();
      const t = performance.now();
      const res = await app.request(`/api/s/${token}/submit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Claim': claims[i] ?? '' },
        body,
      });
      await res.arrayBuffer();
      const elapsed = performance.now() - t;
      if (res.status !== 201) throw new Error(`submit answered ${res.status}`);
      if (i >= options.warmup) times.push(elapsed);
    }
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    times.sort((a, b) => a - b);
    return {
      warmup: options.warmup,
      submits: times.length,
      answers: bodies.answers,
      bodyBytes: bodies.bytes,
      mean,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: times.at(-1) ?? Number.NaN,
    };
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = mkdtempSync(join(tmpdir(), 'prof-'));
  try {
    const submits = Number(process.argv[2] ?? 1000);
    const r = await measureInProcessSubmit(dir, { warmup: 100, submits });
    console.log(
      `${r.mean.toFixed(2)} ms per submit (p50 ${r.p50.toFixed(2)}, p99 ${r.p99.toFixed(2)}) ` +
        `over ${r.submits} after ${r.warmup} warm-up; ${r.answers} answers, ${r.bodyBytes} B body`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
