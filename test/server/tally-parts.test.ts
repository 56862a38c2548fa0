import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { builtInDefinition } from '../../questionnaires';
import { rewriteRows } from '../../server/db/rewrite-rows';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { insertAnonymousForm } from '../../server/respondent/store-form';
import { criterionMap } from '../../server/respondent/submit';
import { TALLY_PARTS } from '../../server/respondent/tally';
import {
  countAnswers,
  countForms,
  recountAnswers,
  recountForms,
} from '../../server/results/counts';
import { onPostgres } from '../db';
import { fullAnswers, json, setup, submissionId } from './helpers';

/**
 * Issue #12, speed: on PostgreSQL a submit adds to one of TALLY_PARTS parts of each count
 * (server/respondent/tally.ts), so the submits of one group no longer wait for each other's
 * commit; readers sum the parts, the rewrite folds them into part 0. SQLite has one writer and
 * one part. Here the concurrency is made explicit: a transaction that wrote a form's tallies is
 * held open while another form of the same group is submitted.
 */
const GROUP = 'LD_UBND_XA';
const sleep = (ms: number) => new Promise<'late'>((r) => setTimeout(() => r('late'), ms));

let ctx: Awaited<ReturnType<typeof setup>>;
beforeEach(async () => {
  ctx = await setup();
});

/** A transaction on its own connection, held open after `work` until `release()`. */
function hold(work: (trx: typeof ctx.db) => Promise<unknown>) {
  let release = () => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  let ready: (value: unknown) => void = () => {};
  const done = new Promise<unknown>((r) => {
    ready = r;
  });
  const committed = ctx.db.transaction().execute(async (trx) => {
    ready(await work(trx));
    await released;
  });
  return { done, release, committed };
}

const submit = async (k: number) =>
  ctx.respond(
    ctx.tokens(GROUP)[k] ?? '',
    '/submit',
    json({ submissionId: submissionId(), answers: await fullAnswers(ctx.db, GROUP) }),
  );

/** The tallies read as scoring reads them equal the recount from the raw answers. */
async function expectTalliesEqualRecount(forms: number) {
  const byKey = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  const answers = await countAnswers(ctx.db, DEMO_CAMPAIGN_ID);
  expect(byKey(answers)).toEqual(byKey(await recountAnswers(ctx.db, DEMO_CAMPAIGN_ID)));
  expect(byKey(await countForms(ctx.db, DEMO_CAMPAIGN_ID))).toEqual(
    byKey(await recountForms(ctx.db, DEMO_CAMPAIGN_ID, builtInDefinition())),
  );
  expect(answers.reduce((s, a) => s + a.n, 0)).toBe(
    forms * (await fullAnswers(ctx.db, GROUP)).length,
  );
}

describe.runIf(onPostgres)('tallies in parts (PostgreSQL)', () => {
  it('a submit does not wait for another of its group still writing the tallies, and the sums are the recount', async () => {
    const answers = await fullAnswers(ctx.db, GROUP);
    const holder = hold(async (trx) => {
      await insertAnonymousForm(
        trx,
        { campaignId: DEMO_CAMPAIGN_ID, groupCode: GROUP, answers },
        criterionMap(builtInDefinition()),
      );
      // One part taken: the LIMIT stopped at the first free one.
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks
        WHERE pid = pg_backend_pid() AND locktype = 'advisory'`.execute(trx);
      return rows[0]?.n;
    });
    expect(await holder.done).toBe(1);
    try {
      // Before the parts, this waited for the holder's commit (one queue per group).
      const res = await Promise.race([submit(0), sleep(10_000)]);
      expect(res === 'late' ? 'late' : res.status).toBe(201);
    } finally {
      holder.release();
      await holder.committed;
    }
    const parts = await ctx.db.selectFrom('answerTally').select('part').distinct().execute();
    expect(parts).toHaveLength(2);
    await expectTalliesEqualRecount(2);
  });

  it('a submit takes the one part left free, whichever part it tries first (it queues only when all are taken)', async () => {
    const free = TALLY_PARTS - 1;
    const holder = hold(async (trx) => {
      for (let p = 0; p < free; p++)
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`tally:${DEMO_CAMPAIGN_ID}:${GROUP}:${p}`}))`.execute(
          trx,
        );
    });
    await holder.done;
    try {
      const res = await Promise.race([submit(2), sleep(10_000)]);
      expect(res === 'late' ? 'late' : res.status).toBe(201);
    } finally {
      holder.release();
      await holder.committed;
    }
    expect(await ctx.db.selectFrom('answerTally').select('part').distinct().execute()).toEqual([
      { part: free },
    ]);
    await expectTalliesEqualRecount(1);
  });

  it('when every part is taken, a submit queues for one and is stored once it is free', async () => {
    const holder = hold(async (trx) => {
      for (let p = 0; p < TALLY_PARTS; p++)
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`tally:${DEMO_CAMPAIGN_ID}:${GROUP}:${p}`}))`.execute(
          trx,
        );
    });
    await holder.done;
    const submitting = submit(1);
    try {
      expect(await Promise.race([submitting, sleep(500)])).toBe('late');
    } finally {
      holder.release();
      await holder.committed;
    }
    expect((await submitting).status).toBe(201);
    await expectTalliesEqualRecount(1);
  });

  it('the rewrite folds the parts into part 0 and changes no count', async () => {
    const answers = await fullAnswers(ctx.db, GROUP);
    const criteria = criterionMap(builtInDefinition());
    // Three forms written at once: three parts.
    const holders = [0, 1, 2].map(() =>
      hold((trx) =>
        insertAnonymousForm(
          trx,
          { campaignId: DEMO_CAMPAIGN_ID, groupCode: GROUP, answers },
          criteria,
        ),
      ),
    );
    await Promise.all(holders.map((h) => h.done));
    for (const h of holders) h.release();
    await Promise.all(holders.map((h) => h.committed));
    const parts = () =>
      ctx.db.selectFrom('answerTally').select('part').distinct().orderBy('part').execute();
    expect(await parts()).toHaveLength(3);
    const before = await countAnswers(ctx.db, DEMO_CAMPAIGN_ID);
    const forms = await countForms(ctx.db, DEMO_CAMPAIGN_ID);
    await rewriteRows(ctx.db);
    expect(await parts()).toEqual([{ part: 0 }]);
    expect(await ctx.db.selectFrom('formTally').select('part').distinct().execute()).toEqual([
      { part: 0 },
    ]);
    expect(await countAnswers(ctx.db, DEMO_CAMPAIGN_ID)).toEqual(before);
    expect(await countForms(ctx.db, DEMO_CAMPAIGN_ID)).toEqual(forms);
    await expectTalliesEqualRecount(3);
  });
});

describe('tallies on SQLite and PostgreSQL alike', () => {
  it('submits one after the other: each count is the recount', async () => {
    for (let k = 0; k < 3; k++) expect((await submit(k)).status).toBe(201);
    await expectTalliesEqualRecount(3);
    if (!onPostgres) {
      // One writer, one part.
      expect(await ctx.db.selectFrom('answerTally').select('part').distinct().execute()).toEqual([
        { part: 0 },
      ]);
    }
  });
});
