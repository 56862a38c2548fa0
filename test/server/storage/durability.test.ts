import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrateToLatest, openDb } from '../../../server/db/connect';
import { json, submissionId } from '../helpers';
import { delegateAnswers, fileApp, tempDir } from './file-db';

const tmp = tempDir('cchc-durable-');
afterAll(() => tmp.remove());

const pragma = async (db: ReturnType<typeof openDb>, name: string) => {
  const { rows } = await sql<Record<string, unknown>>`${sql.raw(`PRAGMA ${name}`)}`.execute(db);
  return Object.values(rows[0] ?? {})[0];
};

describe('an acknowledged form survives a power cut', () => {
  it('a file database opened by the product commits with synchronous=FULL in WAL mode', async () => {
    const { db, respond, tokens } = await fileApp(join(tmp.dir, 'durable.sqlite'), 1);
    try {
      expect(await pragma(db, 'journal_mode')).toBe('wal');
      // 2 = FULL: the WAL is fsynced at every commit, before the 201 goes out.
      expect(await pragma(db, 'synchronous')).toBe(2);
      const res = await respond(
        tokens[0] ?? '',
        '/submit',
        json({ submissionId: submissionId(), answers: await delegateAnswers(db) }),
      );
      expect(res.status).toBe(201);
      expect(await pragma(db, 'synchronous')).toBe(2);
    } finally {
      await db.destroy();
    }
  });

  it(':memory: still opens, migrates and takes the same pragma', async () => {
    const db = openDb(':memory:');
    try {
      await migrateToLatest(db);
      expect(await pragma(db, 'journal_mode')).toBe('memory');
      expect(await pragma(db, 'synchronous')).toBe(2);
    } finally {
      await db.destroy();
    }
  });
});

describe('a full disk', () => {
  let ctx: Awaited<ReturnType<typeof fileApp>>;
  const errors: string[] = [];
  beforeAll(async () => {
    ctx = await fileApp(join(tmp.dir, 'full.sqlite'), 6);
  });
  afterAll(() => ctx.db.destroy());
  afterEach(() => vi.restoreAllMocks());

  const count = async (table: 'submission' | 'answer' | 'draft') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const talliesTotal = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('answerTally')
          .select((eb) => eb.fn.sum('n').as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = async () =>
    JSON.stringify(
      await ctx.db
        .selectFrom('answer')
        .selectAll()
        .orderBy('submissionId')
        .orderBy('questionnaireId')
        .orderBy('questionId')
        .orderBy('unitCode')
        .execute(),
    );

  it('answers 503 disk_full in Vietnamese, stores nothing partial, keeps every acknowledged form, and takes the same submit once space is freed', async () => {
    const { db, respond, tokens } = ctx;
    const bodies = await Promise.all(
      [0, 1, 2].map(async (i) =>
        JSON.stringify({
          submissionId: submissionId(),
          answers: await delegateAnswers(db, (j) => 'ABCD'[(i + j) % 4] as string),
          comments: { P01: `Ý kiến ${i}` },
        }),
      ),
    );
    for (const i of [0, 1]) {
      expect((await respond(tokens[i] ?? '', '/submit', json(bodies[i]))).status).toBe(201);
    }
    const before = {
      submissions: await count('submission'),
      answers: await snapshot(),
      tallies: await talliesTotal(),
    };
    expect(before.submissions).toBe(2);

    vi.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a.join(' ')));
    // SQLITE_FULL as a full disk gives it: no page may be added to the database any more.
    const pageCount = await pragma(db, 'page_count');
    await sql.raw(`PRAGMA max_page_count = ${pageCount}`).execute(db);
    expect(await pragma(db, 'max_page_count')).toBe(pageCount);

    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await respond(tokens[2] ?? '', '/submit', json(bodies[2]));
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toBeTruthy();
      expect(await res.json()).toEqual({
        error: {
          code: 'disk_full',
          message:
            'Máy chủ đã hết chỗ lưu trữ nên chưa ghi được. Câu trả lời của Ông/Bà vẫn được giữ trên máy; vui lòng thử lại sau.',
        },
      });
    }
    // Another route that writes: saving a draft (large enough to need new pages).
    const draft = await respond(
      tokens[3] ?? '',
      '/draft',
      json({ answers: await delegateAnswers(db), comments: { P01: 'x'.repeat(4000) } }, 'PUT'),
    );
    expect(draft.status).toBe(503);
    expect(((await draft.json()) as { error: { code: string } }).error.code).toBe('disk_full');

    // Nothing partial, nothing lost.
    expect(await count('submission')).toBe(2);
    expect(await snapshot()).toBe(before.answers);
    expect(await talliesTotal()).toBe(before.tallies);
    const invitation = await db
      .selectFrom('invitation')
      .select(['status', 'receipt'])
      .where('tokenHash', 'is not', null)
      .execute();
    expect(invitation.filter((i) => i.status === 'submitted')).toHaveLength(2);
    expect(await db.selectFrom('respondent').select('id').execute()).toHaveLength(6);

    // The log says the disk is full, once, and no rollback noise.
    expect(errors.join('\n')).not.toMatch(/cannot rollback/i);
    expect(errors.filter((e) => /SQLITE_FULL|đĩa đầy/i.test(e))).toHaveLength(1);

    // Space freed: the very same submit goes through on the same link.
    await sql.raw('PRAGMA max_page_count = 4294967294').execute(db);
    const again = await respond(tokens[2] ?? '', '/submit', json(bodies[2]));
    expect(again.status).toBe(201);
    expect(await count('submission')).toBe(3);
    expect(await talliesTotal()).toBe(before.tallies + 176);
    expect(await pragma(db, 'integrity_check')).toBe('ok');
  });
});

describe('an error after which SQLite has rolled the transaction back by itself', () => {
  // A full disk met while the WAL is written at COMMIT (ENOSPC) makes SQLite roll the whole
  // transaction back by itself; Kysely's ROLLBACK then failed with "cannot rollback - no
  // transaction is active", which replaced the real error (379 such lines for a full disk).
  // RAISE(ROLLBACK) in a trigger makes SQLite do the same thing on demand.
  it('is reported as itself, not as "cannot rollback", and the link still works afterwards', async () => {
    const { db, respond, tokens } = await fileApp(join(tmp.dir, 'rollback.sqlite'), 1);
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a.join(' ')));
    try {
      await sql`CREATE TEMP TRIGGER gone BEFORE INSERT ON main.comment BEGIN SELECT RAISE(ROLLBACK, 'the whole transaction is gone'); END`.execute(
        db,
      );
      const body = JSON.stringify({
        submissionId: submissionId(),
        answers: await delegateAnswers(db),
        comments: { P01: 'Ý kiến' },
      });
      const res = await respond(tokens[0] ?? '', '/submit', json(body));
      expect(res.status).toBe(500);
      expect(errors.join('\n')).toMatch(/the whole transaction is gone/);
      expect(errors.join('\n')).not.toMatch(/cannot rollback/i);
      expect(await db.selectFrom('submission').select('id').execute()).toEqual([]);
      await sql`DROP TRIGGER temp.gone`.execute(db);
      expect((await respond(tokens[0] ?? '', '/submit', json(body))).status).toBe(201);
    } finally {
      vi.restoreAllMocks();
      await db.destroy();
    }
  });
});
