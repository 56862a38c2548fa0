import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskPath, requestLogger } from '../../server/log';
import { foreignTables as foreignTablesOf, onPostgres, tableColumns, tableNames } from '../db';
import { fullAnswers, json, setup, submissionId } from './helpers';

/**
 * The threat (docs/anonymity.md §1): an administrator with a copy of the database, the server logs and
 * the roster must not be able to tell what a given person answered.
 */
const PAR_ANONYMOUS = [
  'submission',
  'answer',
  'demographic',
  'comment',
  'answer_tally',
  'form_tally',
];
/** SIPAS (issue #14): a form, its answers and comments, one row each, never a time. */
const SIPAS_ANSWER_LEVEL = ['sipas_form', 'sipas_answer', 'sipas_comment'];
/** SIPAS counts: keyed by day, hour or 10-minute slot, but never by a form. */
const SIPAS_COUNTS = ['sipas_tally', 'sipas_hour', 'sipas_slot'];
const ANONYMOUS = [...PAR_ANONYMOUS, ...SIPAS_ANSWER_LEVEL, ...SIPAS_COUNTS];
/** What an anonymous table may refer to: reference rows each shared by many people. */
const ANONYMOUS_TARGETS = ['campaign', 'submission', 'collection_point', 'sipas_form'];
const PERSONAL = ['respondent', 'invitation', 'invitation_event', 'draft'];

let ctx: Awaited<ReturnType<typeof setup>>;
let tokens: string[];
beforeAll(async () => {
  ctx = await setup();
  tokens = ctx.tokens('HDND_HUYEN');
  for (const [i, token] of tokens.slice(0, 4).entries()) {
    const answers = await fullAnswers(ctx.db, 'HDND_HUYEN', i % 2 ? 'B' : 'A');
    await ctx.respond(token, '/draft', json({ answers: answers.slice(0, 5) }, 'PUT'));
    const res = await ctx.respond(
      token,
      '/submit',
      json({ submissionId: submissionId(), answers, comments: { P01: `Ý kiến ${i}` } }),
    );
    expect(res.status).toBe(201);
  }
});

const columns = (table: string) => tableColumns(ctx.db, table);
const foreignTables = (table: string) => foreignTablesOf(ctx.db, table);

describe('the schema cannot join an answer to a person', () => {
  it.each(ANONYMOUS)(
    '%s has no column naming a person, an invitation, a token, a time or a sequence',
    async (table) => {
      const names = await columns(table);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        expect(name).not.toMatch(
          /respondent|invitation|token|receipt|person|name|phone|email|_at$|time|date|seq|order|rowid/i,
        );
      }
    },
  );

  it.each(ANONYMOUS)(
    '%s refers to nothing but campaigns, collection points and its own form',
    async (table) => {
      for (const target of await foreignTables(table)) expect(ANONYMOUS_TARGETS).toContain(target);
    },
  );

  // docs/anonymity.md §2: a row that stands for one answer never says when it came; counts may
  // be kept per day, hour or 10-minute slot (what the SIPAS flags need), never per form.
  it.each([...PAR_ANONYMOUS, ...SIPAS_ANSWER_LEVEL])(
    '%s (one row per form or answer) has no day, hour, slot or other time column',
    async (table) => {
      for (const name of await columns(table))
        expect(name).not.toMatch(/day|hour|slot|minute|week|month|year|time|date|_at$/i);
    },
  );

  it.each(SIPAS_COUNTS)(
    '%s is a count table: its only time is a day, hour or slot key, and it counts',
    async (table) => {
      const names = await columns(table);
      const times = names.filter((n) => /day|hour|slot|minute|time|date|_at$/i.test(n));
      expect(times).toHaveLength(1);
      expect(['day', 'hour', 'slot']).toContain(times[0]);
      expect(names.some((n) => ['n', 'forms'].includes(n))).toBe(true);
      expect(names.join(' ')).not.toMatch(/form_id|hash|device|key/);
    },
  );

  it.each(PERSONAL)('%s refers to no anonymous table and has no column for one', async (table) => {
    for (const target of await foreignTables(table)) expect(ANONYMOUS).not.toContain(target);
    for (const name of await columns(table))
      expect(name).not.toMatch(/submission|answer|comment|demographic/i);
  });

  // SQLite's physical order. PostgreSQL's (ctid, xmin) is issue #12 part 3, not yet built.
  it.skipIf(onPostgres).each(ANONYMOUS)(
    '%s is WITHOUT ROWID, so its physical order is that of random keys',
    async (table) => {
      const { rows } = await sql<{
        sql: string;
      }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(ctx.db);
      expect(rows[0]?.sql).toMatch(/without rowid\s*$/i);
    },
  );

  it('shares no value between the anonymous and the personal tables', async () => {
    const values = async (tables: string[]) => {
      const out = new Set<string>();
      for (const t of tables) {
        const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)}`.execute(
          ctx.db,
        );
        for (const row of rows)
          for (const v of Object.values(row))
            if (typeof v === 'string' && v.length >= 8) out.add(v);
      }
      return out;
    };
    const personal = await values(PERSONAL);
    const anonymous = await values(ANONYMOUS);
    // Reference data is common to both sides (the campaign, groups, units: each many people);
    // nothing else is.
    const units = (await ctx.db.selectFrom('unit').select('code').execute()).map((u) => u.code);
    const reference = new Set([
      'demo-2023',
      'HDND_HUYEN',
      'LD_CQCM_HUYEN',
      'LD_UBND_XA',
      'CC_CQCM_HUYEN',
      ...units,
    ]);
    const shared = [...anonymous].filter((v) => personal.has(v));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.filter((v) => !reference.has(v))).toEqual([]);
  });

  it('gives submissions ids that do not follow their arrival order', async () => {
    const ids = (await ctx.db.selectFrom('submission').select('id').execute()).map((r) => r.id);
    expect(ids).toHaveLength(4);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('deletes the draft on submit', async () => {
    expect(await ctx.db.selectFrom('draft').selectAll().execute()).toEqual([]);
  });

  // PostgreSQL keeps a deleted row until VACUUM reuses its space: issue #12 part 3.
  it.skipIf(onPostgres)('overwrites deleted data (SQLite secure_delete)', async () => {
    const { rows } = await sql<Record<string, number>>`PRAGMA secure_delete`.execute(ctx.db);
    expect(Object.values(rows[0] ?? {})).toEqual([1]);
  });

  it('never stores a token: a copy of the database cannot open a link', async () => {
    const dump: string[] = [];
    const tables = await tableNames(ctx.db);
    expect(tables).toContain('invitation');
    for (const name of tables) {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(
        ctx.db,
      );
      dump.push(JSON.stringify(rows));
    }
    const all = dump.join('\n');
    for (const token of tokens) expect(all).not.toContain(token);
  });
});

describe('logs', () => {
  it('mask the token of every respondent path', () => {
    expect(maskPath('/s/AbC_123-xyz')).toBe('/s/***');
    expect(maskPath('/api/s/AbC_123-xyz/submit')).toBe('/api/s/***/submit');
    expect(maskPath('/api/s/AbC/draft')).toBe('/api/s/***/draft');
    expect(maskPath('/assets/form-1.js')).toBe('/assets/form-1.js');
  });

  it('hold no token after a respondent used the app', async () => {
    const lines: string[] = [];
    const { Hono } = await import('hono');
    const app = new Hono().use(requestLogger((l) => lines.push(l))).route('/', ctx.app);
    await app.request(`/api/s/${tokens[5]}`);
    await app.request(`/s/${tokens[5]}`);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain(tokens[5]);
  });
});
