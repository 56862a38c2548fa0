import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { builtInDefinition } from '../../../questionnaires';
import { rewritePages } from '../../../server/db/rewrite';
import { criterionMap } from '../../../server/respondent/submit';
import { redactComment } from '../../../server/results/comments';
import { submissionsFingerprint } from '../../../server/results/queries';
import { freshPostgresUrl, onPostgres } from '../../db';
import { json, signIn, submissionId } from '../helpers';
import { delegateAnswers, fileApp } from './file-db';
import { spearman } from './pages';
import { versions, xmins as xminsOf } from './row-versions';

/**
 * Issue #12 part 3: PostgreSQL keeps what SQLite does not. Every row version carries the id of
 * the transaction that wrote it (xmin): a submit writes the person's invitation and their
 * answers in one transaction, so one xmin names who answered what; and rows lie (ctid) in the
 * order they arrived. The rewrite (server/db/rewrite-rows.ts) gives every anonymous row one
 * transaction id of its own and a place chosen by its random key. Forms are submitted here one
 * by one through the real submit path; the test knows which submission arrived when (an
 * attacker knows it from the roster's submitted_at). The xmin and ctid checks are PostgreSQL's;
 * content, tallies and concurrent submits are checked on both databases.
 */
const FORMS = 200;
const LATER = 40;
const WAVES = 4;

// A fixed seed, as in page-order.test.ts: the same ids on every run, so the same layout and
// the same correlations (|rho| of 200 random places exceeds 0.2 by chance in ~0.5% of seeds).
vi.mock('../../../server/secrets', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../server/secrets')>();
  let n = 0;
  return {
    ...real,
    randomId: () =>
      createHash('sha256')
        .update(`row-order:${n++}`)
        .digest()
        .subarray(0, 16)
        .toString('base64url'),
  };
});

const ANONYMOUS = [
  'submission',
  'answer',
  'demographic',
  'comment',
  'answer_tally',
  'form_tally',
  'paper_serial',
];
const PERSONAL = ['respondent', 'invitation', 'invitation_event', 'draft', 'audit_log'];

let databaseUrl: string;
let ctx: Awaited<ReturnType<typeof fileApp>>;
/** Submission ids in the order they arrived. */
const arrived: string[] = [];

const submit = (i: number) =>
  ctx.respond(
    ctx.tokens[i] ?? '',
    '/submit',
    json({
      submissionId: submissionId(),
      answers: answersOf(i),
      comments: { P01: `Ý kiến số ${i}` },
      demographics: { gender: ['Nam', 'Nữ'][i % 2], age: ['Dưới 30', 'Trên 50'][(i >> 1) % 2] },
    }),
  );
let answersOf: (i: number) => Awaited<ReturnType<typeof delegateAnswers>>;

beforeAll(async () => {
  databaseUrl = onPostgres ? await freshPostgresUrl() : ':memory:';
  ctx = await fileApp(databaseUrl, FORMS + LATER);
  const base = await delegateAnswers(ctx.db);
  answersOf = (i) => base.map((a, j) => ({ ...a, option: 'ABCDE'[(i * 7 + j) % 5] as string }));
  const seen = new Set<string>();
  for (let i = 0; i < FORMS; i++) {
    expect((await submit(i)).status).toBe(201);
    const ids = await ctx.db.selectFrom('submission').select('id').execute();
    const fresh = ids.map((r) => r.id).filter((id) => !seen.has(id));
    expect(fresh).toHaveLength(1);
    seen.add(fresh[0] as string);
    arrived.push(fresh[0] as string);
  }
}, 180_000);
afterAll(async () => {
  await ctx.db.destroy();
});

const xmins = (tables: string[]) => xminsOf(ctx.db, tables);

/** How much the rows' places say about arrival: Spearman's rho per table (PostgreSQL's ctid). */
async function exposure() {
  const block = (t: string, key: string) =>
    sql<{ k: string; b: number }>`
      SELECT ${sql.ref(key)} AS k, (ctid::text::point)[0] AS b FROM ${sql.table(t)}`.execute(
      ctx.db,
    );
  const perForm = async (t: string) => {
    const blocks = new Map<string, number[]>();
    for (const r of (await block(t, 'submission_id')).rows)
      blocks.set(r.k, [...(blocks.get(r.k) ?? []), Number(r.b)]);
    return arrived.map((id) => {
      const list = blocks.get(id) ?? [];
      return list.reduce((s, b) => s + b, 0) / list.length;
    });
  };
  const order = arrived.map((_, i) => i);
  const submission = new Map((await block('submission', 'id')).rows.map((r) => [r.k, r.b]));
  const comments = (
    await sql<{ text: string; b: number }>`
      SELECT text, (ctid::text::point)[0] AS b FROM comment`.execute(ctx.db)
  ).rows;
  return {
    answer: spearman(order, await perForm('answer')),
    demographic: spearman(order, await perForm('demographic')),
    submission: spearman(
      order,
      arrived.map((id) => Number(submission.get(id))),
    ),
    comment: spearman(
      comments.map((c) => Number(c.text.replace('Ý kiến số ', ''))),
      comments.map((c) => Number(c.b)),
    ),
  };
}

/** What the rewrite must not change, and the auditor's recount. */
async function content() {
  const rows = async (q: ReturnType<typeof sql>) => JSON.stringify((await q.execute(ctx.db)).rows);
  return {
    answers: await rows(
      sql`SELECT * FROM answer ORDER BY submission_id, questionnaire_id, question_id, unit_code`,
    ),
    submissions: await rows(sql`SELECT * FROM submission ORDER BY id`),
    demographics: await rows(sql`SELECT * FROM demographic ORDER BY submission_id, key`),
    comments: await rows(sql`SELECT * FROM comment ORDER BY id`),
    // Each count the sum of its parts: the rewrite folds them into one (migration 0020).
    tallies: await rows(
      sql`SELECT campaign_id, unit_code, questionnaire_id, question_id, group_code, option, sum(n) AS n
        FROM answer_tally GROUP BY campaign_id, unit_code, questionnaire_id, question_id, group_code, option
        ORDER BY campaign_id, unit_code, questionnaire_id, question_id, group_code, option`,
    ),
    forms: await rows(
      sql`SELECT campaign_id, unit_code, criterion_code, group_code, sum(n) AS n FROM form_tally
        GROUP BY campaign_id, unit_code, criterion_code, group_code
        ORDER BY campaign_id, unit_code, criterion_code, group_code`,
    ),
    fingerprint: (await submissionsFingerprint(ctx.db, ctx.campaignId)).fingerprint,
  };
}

/** The tallies differ from a recount of the raw answers in these cells (none, always). */
async function recountDiff() {
  const recount = sql`SELECT campaign_id, unit_code, questionnaire_id, question_id, group_code, option, count(*) AS n
    FROM answer GROUP BY campaign_id, unit_code, questionnaire_id, question_id, group_code, option`;
  const tally = sql`SELECT campaign_id, unit_code, questionnaire_id, question_id, group_code, option, sum(n) AS n
    FROM answer_tally GROUP BY campaign_id, unit_code, questionnaire_id, question_id, group_code, option`;
  const { rows } = await sql`
    SELECT * FROM (${recount} EXCEPT ${tally}) AS missing
    UNION ALL SELECT * FROM (${tally} EXCEPT ${recount}) AS extra`.execute(ctx.db);
  return rows;
}

/** form_tally as "unit criterion" → forms (its parts summed). */
async function formTally() {
  const out: Record<string, number> = {};
  const rows = await ctx.db
    .selectFrom('formTally')
    .select(['unitCode', 'criterionCode', 'n'])
    .execute();
  for (const r of rows) {
    const cell = `${r.unitCode} ${r.criterionCode}`;
    out[cell] = (out[cell] ?? 0) + Number(r.n);
  }
  return out;
}

/** The tallies' parts in use: after a rewrite, part 0 only (a part never outlives one). */
async function tallyParts() {
  const parts = async (t: 'answerTally' | 'formTally') =>
    (await ctx.db.selectFrom(t).select('part').distinct().orderBy('part').execute()).map(
      (r) => r.part,
    );
  return [...new Set([...(await parts('answerTally')), ...(await parts('formTally'))])].sort();
}

/** What form_tally must hold after the first `forms` forms: each counted once per unit × criterion it answered A–D. */
function formRecount(forms: number) {
  const criteria = criterionMap(builtInDefinition());
  const out: Record<string, number> = {};
  for (let i = 0; i < forms; i++) {
    const cells = new Set<string>();
    for (const a of answersOf(i))
      if (a.option !== 'E')
        cells.add(`${a.unitCode} ${criteria.get(`${a.questionnaireId}\u0000${a.questionId}`)}`);
    for (const cell of cells) out[cell] = (out[cell] ?? 0) + 1;
  }
  return out;
}

const count = async (table: 'submission' | 'answer') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const submitted = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('invitation')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'submitted')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('rows after the campaign closes', () => {
  let open: Awaited<ReturnType<typeof exposure>> | undefined;
  let openShared = 0;
  let before: Awaited<ReturnType<typeof content>>;

  beforeAll(async () => {
    if (onPostgres) {
      open = await exposure();
      const personal = await xmins(['invitation']);
      openShared = [...(await xmins(['answer']))].filter((x) => personal.has(x)).length;
    }
    before = await content();
    const admin = await signIn(ctx as unknown as Parameters<typeof signIn>[0], 'admin');
    const res = await admin(`/api/campaigns/${ctx.campaignId}/close`, { method: 'POST' });
    expect(res.status).toBe(200);
  }, 120_000);

  it.runIf(onPostgres)(
    'while open, each submit’s transaction id is on its invitation and its answers, and rows lie in arrival order (what the rewrite undoes)',
    () => {
      console.info('row order while open', open);
      expect(openShared).toBe(FORMS);
      expect(open?.answer).toBeGreaterThan(0.9);
      expect(open?.submission).toBeGreaterThan(0.9);
    },
  );

  it.runIf(onPostgres)(
    'after the close, every anonymous row carries one transaction id, shared with no personal row',
    async () => {
      const anonymous = await xmins(ANONYMOUS);
      expect(anonymous.size).toBe(1);
      const personal = await xmins(PERSONAL);
      expect(personal.size).toBeGreaterThan(FORMS);
      expect([...anonymous].filter((x) => personal.has(x))).toEqual([]);
    },
  );

  it.runIf(onPostgres)(
    'after the close, no table’s row places follow arrival (|rho| < 0.2)',
    async () => {
      const closed = await exposure();
      console.info('row order after close', closed);
      for (const rho of Object.values(closed)) expect(Math.abs(rho)).toBeLessThan(0.2);
    },
  );

  it.runIf(onPostgres)(
    'after the close, no version of an anonymous row left in the tables carries a submit’s transaction id',
    async () => {
      // pageinspect reads every line pointer, dead versions included: the rewrite's VACUUM has
      // removed the old ones (their bytes in free space are §8's residual risk).
      const submits = await xmins(['invitation']);
      const rewrite = [...(await xmins(ANONYMOUS))];
      for (const t of ANONYMOUS) {
        const left = await versions(ctx.db, t);
        if (t !== 'paper_serial') expect(left.length).toBeGreaterThan(0);
        // Only rows of the rewrite, or pointers VACUUM freed (unused: no storage).
        for (const v of left) {
          if (v.lpFlags === 0) continue;
          expect(v).toEqual({ lpFlags: 1, xmin: rewrite[0] });
        }
        expect(left.filter((v) => v.xmin && submits.has(v.xmin))).toEqual([]);
      }
    },
  );

  it('changes no content, and the recount still equals the tallies', async () => {
    expect(await content()).toEqual(before);
    expect(await recountDiff()).toEqual([]);
    expect(await formTally()).toEqual(formRecount(FORMS));
    expect(await tallyParts()).toEqual([0]);
    expect(await count('submission')).toBe(FORMS);
    const rewrite = await ctx.db.selectFrom('pageRewrite').selectAll().executeTakeFirstOrThrow();
    expect(rewrite.submissions).toBe(FORMS);
  });
});

describe('rewrites while forms arrive', () => {
  it('lose no form and no count: the recount equals the tallies, the forms the submits', async () => {
    const admin = await signIn(ctx as unknown as Parameters<typeof signIn>[0], 'admin');
    expect((await admin(`/api/campaigns/${ctx.campaignId}/open`, { method: 'POST' })).status).toBe(
      200,
    );
    let rewrites = 0;
    let done = false;
    let stopped = false;
    const rewriting = (async () => {
      while (!done) {
        const r = await rewritePages(ctx.db);
        expect(r.error).toBeUndefined();
        rewrites++;
        // SQLite's one connection goes to whoever asks first when it is released: without a
        // pause, this loop would take it every time and starve the submits.
        await new Promise((r) => setTimeout(r, 10));
      }
    })().finally(() => {
      stopped = true;
    });
    // All at once, as a crowd would; a 503 `busy` (load shedding) is retried, as the form does.
    const submitUntilStored = async (i: number) => {
      for (;;) {
        const res = await submit(i);
        if (res.status !== 503) return res.status;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    // In waves, each all at once; the next wave starts only after a rewrite has ended since this
    // one began, so rewrites interleave with the submits however slow the machine is (one
    // rewrite outlasting all 40 submits would test nothing).
    const statuses: number[] = [];
    for (let w = 0; w < WAVES; w++) {
      const before = rewrites;
      const wave = LATER / WAVES;
      statuses.push(
        ...(await Promise.all(
          Array.from({ length: wave }, (_, k) => submitUntilStored(FORMS + w * wave + k)),
        )),
      );
      while (rewrites === before && !stopped) await new Promise((r) => setTimeout(r, 5));
    }
    done = true;
    await rewriting;
    expect(statuses).toEqual(Array(LATER).fill(201));
    expect(rewrites).toBeGreaterThanOrEqual(WAVES);
    expect(await count('submission')).toBe(FORMS + LATER);
    expect(await submitted()).toBe(FORMS + LATER);
    expect(await count('answer')).toBe((FORMS + LATER) * answersOf(0).length);
    expect(await recountDiff()).toEqual([]);
    expect(await formTally()).toEqual(formRecount(FORMS + LATER));
    // A last rewrite takes the forms committed during the one before.
    expect((await rewritePages(ctx.db)).rewritten).toBe(true);
    if (onPostgres) expect((await xmins(ANONYMOUS)).size).toBe(1);
    expect(await recountDiff()).toEqual([]);
    expect(await formTally()).toEqual(formRecount(FORMS + LATER));
    expect(await tallyParts()).toEqual([0]);
  }, 120_000);

  it.runIf(onPostgres)(
    'an analyst’s redaction made while a rewrite runs is kept (it waits for the rewrite)',
    async () => {
      const { id } = await ctx.db
        .selectFrom('comment')
        .select('id')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      // A submit still writing the tallies holds the rewrite at its last step, after it has
      // replaced every comment row (uncommitted).
      const holder = new pg.Client({ connectionString: databaseUrl });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE answer_tally IN ROW EXCLUSIVE MODE');
        const rewrite = rewritePages(ctx.db);
        // Until the rewrite has taken its lock and replaced the comments.
        for (let i = 0; i < 100; i++) {
          const { rows } = await holder.query(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'relation'
             AND relation = 'answer_tally'::regclass AND mode = 'ShareRowExclusiveLock' AND NOT granted`,
          );
          if (rows[0].n > 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        const redacting = redactComment(ctx.db, ctx.campaignId, id, 'Đã bỏ tên');
        await new Promise((r) => setTimeout(r, 200));
        await holder.query('COMMIT');
        expect((await rewrite).rewritten).toBe(true);
        expect(await redacting).toBeTruthy();
      } finally {
        await holder.end();
      }
      const row = await ctx.db
        .selectFrom('comment')
        .select('redactedText')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.redactedText).toBe('Đã bỏ tên');
    },
  );
});
