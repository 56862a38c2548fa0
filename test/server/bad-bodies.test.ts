import { beforeAll, describe, expect, it } from 'vitest';
import { fullAnswers, json, setup, signIn, submissionId } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
let token = '';

beforeAll(async () => {
  ctx = await setup();
  token = ctx.tokens('HDND_HUYEN')[0] ?? '';
});

const drafts = () => ctx.db.selectFrom('draft').selectAll().execute();
const put = (body: string) =>
  ctx.respond(token, '/draft', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body,
  });

describe('a draft nested thousands deep', () => {
  it.each([
    ['array', 5000, (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`],
    ['object', 5000, (d: number) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`],
    ['array', 100_000, (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`],
    ['object', 65, (d: number) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`],
    ['object', 9, (d: number) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`],
  ])('state as a %s %i deep: 400 invalid_request, nothing saved', async (_kind, depth, make) => {
    const before = await drafts();
    const res = await put(`{"answers":[],"state":${make(depth)}}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toMatch(/sâu|định dạng/);
    expect(await drafts()).toEqual(before);
  });

  it('a deep body anywhere else in the API is a 400 too', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const submit = await ctx.respond(token, '/submit', json(deep));
    expect(submit.status).toBe(400);
    const admin = await signIn(ctx, 'admin');
    const res = await admin('/api/campaigns', { method: 'POST', body: `{"name":${deep}}` });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
  });

  it('a state too large is refused; the form’s own state is saved', async () => {
    const big = JSON.stringify({ known: { P02: Array(5000).fill('X-ANPHU-XXXX') } });
    expect((await put(`{"answers":[],"state":${big}}`)).status).toBe(400);
    const state = { known: { P02: ['X-ANPHU'] }, screen: 'welcome', savedAt: 1 };
    const ok = await put(JSON.stringify({ answers: [], state }));
    expect(ok.status).toBeLessThan(300);
    const view = (await (await ctx.respond(token)).json()) as {
      draft: { state: unknown };
    };
    expect(view.draft.state).toEqual(state);
  });
});

describe('a PATCH that names no field it knows', () => {
  it.each([['{}'], ['{"bogus":1}'], ['{"nom":"x","disabledAt":null}']])(
    '%s: 400 invalid_request listing the fields, nothing changed',
    async (body) => {
      const admin = await signIn(ctx, 'admin');
      const users = (await (await admin('/api/users')).json()) as { id: string }[];
      const person = await ctx.db.selectFrom('respondent').select('id').limit(1).executeTakeFirst();
      const targets = [
        ['/api/campaigns/demo-2023', 'name'],
        [`/api/users/${users[0]?.id}`, 'role'],
        [`/api/campaigns/demo-2023/respondents/${person?.id}`, 'groupCode'],
      ];
      for (const [path, field] of targets) {
        const snapshot = async () =>
          JSON.stringify([
            await ctx.db.selectFrom('campaign').selectAll().execute(),
            await ctx.db.selectFrom('user').selectAll().execute(),
            await ctx.db.selectFrom('respondent').selectAll().execute(),
            await ctx.db.selectFrom('auditLog').selectAll().execute(),
          ]);
        const before = await snapshot();
        const res = await admin(path ?? '', { method: 'PATCH', body });
        expect(res.status, `${path} ${body}`).toBe(400);
        const error = ((await res.json()) as { error: { code: string; message: string } }).error;
        expect(error.code).toBe('invalid_request');
        expect(error.message).toMatch(/^Không có gì để sửa/);
        expect(error.message).toContain(field);
        expect(await snapshot()).toBe(before);
      }
    },
  );

  it('a PATCH with a known field still works', async () => {
    const admin = await signIn(ctx, 'admin');
    const res = await admin('/api/campaigns/demo-2023', {
      method: 'PATCH',
      body: JSON.stringify({ name: 'Đợt mới', bogus: 1 }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe('Đợt mới');
  });
});

// PostgreSQL cannot store U+0000 in text (SQLite can): a comment or a name carrying one failed
// at the database (a 500 on PostgreSQL, and `db copy` of a SQLite file holding one fails).
describe('a NUL character (U+0000) in any text sent', () => {
  it('is a 400 invalid_request on every database, and nothing is stored', async () => {
    const person = ctx.tokens('HDND_HUYEN')[1] ?? '';
    const answers = await fullAnswers(ctx.db, 'HDND_HUYEN', 'A');
    const body = { submissionId: submissionId(), answers, comments: { P01: 'Ý kiến\u0000 cuối' } };
    const res = await ctx.respond(person, '/submit', json(body));
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(error).toEqual({
      code: 'invalid_request',
      message: 'Dữ liệu gửi lên có ký tự không hợp lệ (ký tự NUL, U+0000).',
    });
    expect(await ctx.db.selectFrom('submission').selectAll().execute()).toEqual([]);
    // Without it, the same form is stored.
    body.comments.P01 = 'Ý kiến cuối';
    expect((await ctx.respond(person, '/submit', json(body))).status).toBe(201);
    const admin = await signIn(ctx, 'admin');
    const named = await admin('/api/campaigns', {
      method: 'POST',
      body: JSON.stringify({ name: 'Đợt\u0000 mới' }),
    });
    expect(named.status).toBe(400);
  });
});
