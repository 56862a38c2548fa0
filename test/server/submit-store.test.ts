import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Answer, SubmitBody } from '../../contract/respondent';
import { builtInDefinition } from '../../questionnaires';
import { migrateToLatest } from '../../server/db/connect';
import type { Database } from '../../server/db/schema';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { insertRows } from '../../server/respondent/bulk-insert';
import { canonicalSubmitBody } from '../../server/respondent/canonical';
import { criterionMap } from '../../server/respondent/submit';
import { countAnswers, countForms } from '../../server/results/counts';
import { canonicalJson } from '../../server/secrets';
import { fullAnswers, json, setup, submissionId } from './helpers';

const OPTIONS = ['A', 'B', 'C', 'D', 'E'] as const;

describe('canonicalSubmitBody', () => {
  it('gives canonicalJson’s bytes for every kind of submit body (the retry HMAC must not change)', () => {
    const answers: Answer[] = [
      { questionnaireId: 'P05', questionId: 'q2', unitCode: 'X-ANPHU', option: 'E' },
      { questionnaireId: 'P02', questionId: 'q10', unitCode: '694', option: 'A' },
      { questionnaireId: 'P02', questionId: 'q1', unitCode: '694', option: 'C' },
    ];
    const bodies: unknown[] = [
      { submissionId: 'abcdefghijklmnop', answers: [] },
      { answers, submissionId: 'abcdefghijklmnopqrst' },
      { submissionId: 'abcdefghijklmnop_-12', answers, comments: { P02: 'Góp ý "có" \\ ngoặc\n' } },
      {
        demographics: { gender: 'Nữ', age: '30–39', '10': 'x', '9': 'y', b: '', a: '\u0000\u2028' },
        comments: { P05: '', P02: 'Cần rút ngắn thời gian.', '2': 'số' },
        answers: [...answers].reverse().map((a) => ({
          unitCode: a.unitCode,
          option: a.option,
          questionId: a.questionId,
          questionnaireId: a.questionnaireId,
        })),
        submissionId: 'ZZZZZZZZZZZZZZZZZZZZ',
      },
      { submissionId: 'abcdefghijklmnop', answers, comments: {}, demographics: {} },
    ];
    for (const raw of bodies) {
      // As the route has it: what the schema gave back from the JSON on the wire.
      const body = SubmitBody.parse(JSON.parse(JSON.stringify(raw)));
      expect(canonicalSubmitBody(body)).toBe(canonicalJson(body));
    }
  });
});

describe('insertRows', () => {
  function openLogged() {
    const executed: string[] = [];
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
      plugins: [new CamelCasePlugin()],
      log: (event) => {
        if (event.level === 'query') executed.push(event.query.sql);
      },
    });
    return { db, executed };
  }
  const build = (db: Kysely<Database>, rows: { code: string; name: string; n: number }[]) =>
    db
      .insertInto('unitSet')
      .values(
        rows.map((r) => ({ id: r.code, code: r.code, name: r.name, validFrom: String(r.n) })),
      );
  const upsert = (db: Kysely<Database>, rows: { id: string; code: string; validFrom: string }[]) =>
    db
      .insertInto('unitSet')
      .values(rows.map((r) => ({ ...r, name: 'fixed' })))
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: 'updated' }));
  let builds = 0;
  const plain = (db: Kysely<Database>, rows: Record<string, string | number>[]) => {
    builds++;
    return db.insertInto('unitSet').values(rows as never);
  };

  it('stores each row’s own values, in their columns, whether compiled now or before', async () => {
    const { db, executed } = openLogged();
    await migrateToLatest(db);
    executed.length = 0;
    builds = 0;
    for (const [round, count] of [3, 3, 1, 3].entries()) {
      await insertRows(
        db,
        plain,
        Array.from({ length: count }, (_, i) => ({
          id: `r${round}-${i}`,
          code: `c${round}-${i}`,
          name: `Tên ${round}/${i} "x"`,
          validFrom: `2024-0${i + 1}-0${round + 1}`,
        })),
      );
    }
    const inserts = [...executed];
    const rows = await db.selectFrom('unitSet').selectAll().orderBy('id').execute();
    expect(rows).toEqual(
      [3, 3, 1, 3].flatMap((count, round) =>
        Array.from({ length: count }, (_, i) => ({
          id: `r${round}-${i}`,
          code: `c${round}-${i}`,
          name: `Tên ${round}/${i} "x"`,
          validFrom: `2024-0${i + 1}-0${round + 1}`,
        })),
      ),
    );
    // Kysely's own SQL for the shape, one statement per call: nothing else ran.
    expect(inserts).toHaveLength(4);
    expect(inserts[0]).toBe(
      'insert into "unit_set" ("id", "code", "name", "valid_from") values (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)',
    );
    expect(inserts[1]).toBe(inserts[0]);
    expect(inserts[3]).toBe(inserts[0]);
    // Built and compiled once per shape (3 rows, 1 row), not once per call.
    expect(builds).toBe(2);
    await db.destroy();
  });

  it('binds only the rows’ values: constants of the builder stay its own, upserts work', async () => {
    const { db } = openLogged();
    await migrateToLatest(db);
    for (let round = 0; round < 3; round++) {
      await insertRows(db, upsert, [
        { id: 'a', code: `a${round}`, validFrom: `${round}` },
        { id: `b${round}`, code: `b${round}`, validFrom: `${round}` },
      ]);
    }
    const rows = await db.selectFrom('unitSet').selectAll().orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'a', code: 'a0', name: 'updated', validFrom: '0' },
      { id: 'b0', code: 'b0', name: 'fixed', validFrom: '0' },
      { id: 'b1', code: 'b1', name: 'fixed', validFrom: '1' },
      { id: 'b2', code: 'b2', name: 'fixed', validFrom: '2' },
    ]);
    await db.destroy();
  });

  it('maps values through the builder (numbers stay numbers) and follows the plugins in force', async () => {
    const { db, executed } = openLogged();
    await migrateToLatest(db);
    await insertRows(db, build, [{ code: 'x', name: 'X', n: 7 }]);
    await insertRows(db.withSchema('main'), build, [{ code: 'y', name: 'Y', n: 8 }]);
    await insertRows(db, build, [{ code: 'z', name: 'Z', n: 9 }]);
    expect(executed.slice(-3).map((s) => s.startsWith('insert into "main"."unit_set"'))).toEqual([
      false,
      true,
      false,
    ]);
    const rows = await db.selectFrom('unitSet').select(['code', 'validFrom']).execute();
    expect(rows.sort((a, b) => (a.code < b.code ? -1 : 1))).toEqual([
      { code: 'x', validFrom: '7' },
      { code: 'y', validFrom: '8' },
      { code: 'z', validFrom: '9' },
    ]);
    await db.destroy();
  });

  it('falls back to building the statement for rows it cannot template (other columns, null)', async () => {
    const { db } = openLogged();
    await migrateToLatest(db);
    await insertRows(db, plain, [
      { id: '1', code: '1', name: 'một', validFrom: 'x' },
      { code: '2', id: '2', name: 'hai', validFrom: 'y' },
    ]);
    await expect(
      insertRows(db, plain, [
        { id: '3', code: '3', name: null as unknown as string, validFrom: 'z' },
      ]),
    ).rejects.toThrow(/NOT NULL/);
    const rows = await db.selectFrom('unitSet').select(['id', 'name']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: '1', name: 'một' },
      { id: '2', name: 'hai' },
    ]);
    await db.destroy();
  });
});

describe('a stored submit', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    ctx = await setup();
  });

  it('keeps exactly the answers sent, its content hash, and tallies equal to a recount', async () => {
    const criteria = criterionMap(builtInDefinition());
    const sent: { groupCode: string; answers: Answer[] }[] = [];
    // Groups of different sizes, answers in scrambled orders, varied options (E counts in the
    // answer tally, not in the form tally), one form all E: several statement shapes, repeated.
    const plan: [string, number, (i: number) => Answer['option']][] = [
      ['LD_CQCM_HUYEN', 0, (i) => OPTIONS[i % 5] ?? 'A'],
      ['LD_CQCM_HUYEN', 1, (i) => OPTIONS[(i * 3 + 1) % 5] ?? 'A'],
      ['LD_CQCM_HUYEN', 2, () => 'E'],
      ['LD_CQCM_HUYEN', 3, (i) => (i % 7 === 0 ? 'E' : 'B')],
      ['CC_CQCM_HUYEN', 0, (i) => OPTIONS[(i * 2) % 5] ?? 'A'],
      ['HDND_HUYEN', 0, (i) => OPTIONS[(i + 4) % 5] ?? 'A'],
      ['HDND_HUYEN', 1, (i) => OPTIONS[i % 4] ?? 'A'],
    ];
    for (const [groupCode, k, option] of plan) {
      const token = ctx.tokens(groupCode)[k] ?? '';
      const answers = (await fullAnswers(ctx.db, groupCode, option))
        .map((a, i) => ({ a, at: (i * 7919) % 1009 }))
        .sort((x, y) => x.at - y.at)
        .map(({ a }) => a);
      const res = await ctx.respond(
        token,
        '/submit',
        json({ submissionId: submissionId(), answers }),
      );
      expect(res.status).toBe(201);
      sent.push({ groupCode, answers });
    }

    const key = (a: Answer) => `${a.questionnaireId}\u0000${a.questionId}\u0000${a.unitCode}`;
    const submissions = await ctx.db.selectFrom('submission').selectAll().execute();
    const stored = await ctx.db.selectFrom('answer').selectAll().execute();
    // Each submission: its answers are one form's, whole, and its content hash is over them.
    const forms = submissions.map((s) => {
      const answers = stored
        .filter((a) => a.submissionId === s.id)
        .map(({ questionnaireId, questionId, unitCode, option }) => ({
          questionnaireId,
          questionId,
          unitCode,
          option: option as Answer['option'],
        }))
        .sort((a, b) => (key(a) < key(b) ? -1 : 1));
      const hash = createHash('sha256')
        .update(s.id)
        .update(answers.map((a) => `${key(a)}\u0000${a.option}`).join('\n'))
        .digest('base64url');
      expect(s.contentHash).toBe(hash);
      expect(
        stored.filter((a) => a.submissionId === s.id).every((a) => a.groupCode === s.groupCode),
      ).toBe(true);
      return { groupCode: s.groupCode, answers };
    });
    const canon = (f: { groupCode: string; answers: Answer[] }) =>
      JSON.stringify([f.groupCode, [...f.answers].sort((a, b) => (key(a) < key(b) ? -1 : 1))]);
    expect(forms.map(canon).sort()).toEqual(sent.map(canon).sort());

    // The running tallies are the recount over the raw answers.
    const answerTally = new Map<string, number>();
    const formTally = new Map<string, number>();
    for (const f of sent) {
      const cells = new Set<string>();
      for (const a of f.answers) {
        const k = [a.unitCode, a.questionnaireId, a.questionId, f.groupCode, a.option].join('|');
        answerTally.set(k, (answerTally.get(k) ?? 0) + 1);
        const criterion = criteria.get(`${a.questionnaireId}\u0000${a.questionId}`);
        if (criterion && a.option !== 'E')
          cells.add([a.unitCode, criterion, f.groupCode].join('|'));
      }
      for (const c of cells) formTally.set(c, (formTally.get(c) ?? 0) + 1);
    }
    // Read as scoring reads them: each count the sum of its parts (one part on SQLite).
    const tallies = await countAnswers(ctx.db, DEMO_CAMPAIGN_ID);
    expect(
      new Map(
        tallies.map((t) => [
          [t.unitCode, t.questionnaireId, t.questionId, t.groupCode, t.option].join('|'),
          t.n,
        ]),
      ),
    ).toEqual(answerTally);
    const forms2 = await countForms(ctx.db, DEMO_CAMPAIGN_ID);
    expect(
      new Map(forms2.map((t) => [[t.unitCode, t.criterion, t.groupCode].join('|'), t.n])),
    ).toEqual(formTally);
  });
});
