import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyView } from '../../../contract/respondent';
import { addUser } from '../../../server/auth/users';
import { type Db, migrateToLatest, openDb } from '../../../server/db/connect';
import { createDemo, DEMO_CAMPAIGN_ID } from '../../../server/demo/demo';
import { listLinks } from '../../../server/invitations/service';
import { freshPostgresUrl, onPostgres } from '../../db';
import { config, fullAnswers, SECRET, submissionId } from '../helpers';
import { freePort, type ServerProcess, startServer } from './processes';

/**
 * Issue #12 part 4: two real server processes on one database, as two `npm start` behind a
 * reverse proxy (or CLUSTER_WORKERS=2) run them: nothing they must agree on lives in one
 * process's memory. On PostgreSQL (the deployment this is for), and on one SQLite file, which
 * a second process (the CLI) also writes beside a server: the guarantees are the database's.
 */
const GROUP = 'CC_CQCM_HUYEN';
const PASSWORD = 'mật-khẩu-hai-tiến-trình';
const EMAIL = 'hai-tien-trinh@test.vn';

let db: Db;
let a: ServerProcess;
let b: ServerProcess;
let tokens: string[];
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cchc-two-'));
  const url = onPostgres ? await freshPostgresUrl() : join(dir, 'db.sqlite');
  db = openDb(url, { max: 2, idleTimeoutMillis: 1000 });
  await migrateToLatest(db);
  await createDemo(db, SECRET);
  await addUser(db, { email: EMAIL, password: PASSWORD, role: 'admin', name: 'Người thử' });
  const groups = new Map<string, string>();
  tokens = (await listLinks(db, config, DEMO_CAMPAIGN_ID, groups))
    .filter((l) => l.group_code === GROUP)
    .map((l) => l.link.split('/s/')[1] ?? '');
  // The same secret and public address (the proxy's), each its own port.
  const env = { DATABASE_URL: url, APP_SECRET: SECRET, PUBLIC_URL: 'http://survey.test' };
  [a, b] = await Promise.all([
    freePort().then((p) => startServer(env, p)),
    freePort().then((p) => startServer(env, p)),
  ]);
}, 150_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** The first open of a link (through `server`): its claim. */
async function claim(server: ServerProcess, token: string): Promise<string> {
  const res = await fetch(`${server.url}/api/s/${token}`);
  const view = (await res.json()) as SurveyView;
  expect(res.status).toBe(200);
  return view.claim ?? '';
}

function submit(server: ServerProcess, token: string, claimed: string, body: string) {
  return fetch(`${server.url}/api/s/${token}/submit`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Claim': claimed },
    body,
  });
}

const answers = () => fullAnswers(db, GROUP);

async function stored() {
  const count = async (table: 'submission' | 'answer') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('campaignId', '=', DEMO_CAMPAIGN_ID)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const tally = await db
    .selectFrom('answerTally')
    .select((eb) => eb.fn.sum<number>('n').as('n'))
    .where('campaignId', '=', DEMO_CAMPAIGN_ID)
    .executeTakeFirstOrThrow();
  return {
    submissions: await count('submission'),
    answers: await count('answer'),
    tallied: Number(tally.n ?? 0),
  };
}

describe('two server processes on one database', () => {
  it('give the same receipt to a submit through A and its retry through B, storing one', async () => {
    const token = tokens[0] ?? '';
    const claimed = await claim(a, token);
    const before = await stored();
    const body = JSON.stringify({ submissionId: submissionId(), answers: await answers() });
    const first = await submit(a, token, claimed, body);
    const retry = await submit(b, token, claimed, body);
    expect([first.status, retry.status]).toEqual([201, 200]);
    const [one, two] = await Promise.all([first.json(), retry.json()]);
    expect(two).toEqual(one);
    const after = await stored();
    const n = (await answers()).length;
    expect(after).toEqual({
      submissions: before.submissions + 1,
      answers: before.answers + n,
      tallied: before.tallied + n,
    });
  });

  it('store exactly one of 30 simultaneous submits of one form, half through each', async () => {
    const token = tokens[1] ?? '';
    const claimed = await claim(b, token);
    const before = await stored();
    const body = JSON.stringify({ submissionId: submissionId(), answers: await answers() });
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => submit(i % 2 ? b : a, token, claimed, body)),
    );
    const statuses = replies.map((r) => r.status).sort((x, y) => x - y);
    expect(statuses).toEqual([...Array<number>(29).fill(200), 201]);
    const receipts = new Set(
      await Promise.all(
        replies.map(async (r) => ((await r.json()) as { receipt: string }).receipt),
      ),
    );
    expect(receipts.size).toBe(1);
    const n = (await answers()).length;
    expect(await stored()).toEqual({
      submissions: before.submissions + 1,
      answers: before.answers + n,
      tallied: before.tallied + n,
    });
  });

  it('store one of 30 simultaneous different forms on one link; the others are told it was sent', async () => {
    const token = tokens[2] ?? '';
    const claimed = await claim(a, token);
    const before = await stored();
    const all = await answers();
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        submit(
          i % 2 ? b : a,
          token,
          claimed,
          JSON.stringify({ submissionId: submissionId(), answers: all }),
        ),
      ),
    );
    const statuses = replies.map((r) => r.status).sort((x, y) => x - y);
    expect(statuses).toEqual([201, ...Array<number>(29).fill(409)]);
    for (const r of replies.filter((r) => r.status === 409))
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe(
        'already_submitted',
      );
    expect((await stored()).submissions).toBe(before.submissions + 1);
  });

  it('accept on B a session signed in on A (cookie and CSRF token), and its sign-out on A', async () => {
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const headers = { 'Content-Type': 'application/json', Cookie: cookie };
    const me = await fetch(`${b.url}/api/auth/me`, { headers });
    expect(((await me.json()) as { user?: { email: string } }).user?.email).toBe(EMAIL);
    // A change on B needs the CSRF token A handed out, and takes it.
    const add = (csrf: string) =>
      fetch(`${b.url}/api/organisations`, {
        method: 'POST',
        headers: { ...headers, 'X-CSRF-Token': csrf },
        body: JSON.stringify({ name: 'Xã Thử Hai Tiến Trình' }),
      });
    expect((await add('not-the-token')).status).toBe(403);
    expect((await add(csrfToken)).status).toBe(201);
    const list = await fetch(`${a.url}/api/organisations`, { headers });
    expect(JSON.stringify(await list.json())).toContain('Xã Thử Hai Tiến Trình');
    // Signed out on A: B no longer knows the session either.
    const out = await fetch(`${a.url}/api/auth/logout`, {
      method: 'POST',
      headers: { ...headers, 'X-CSRF-Token': csrfToken },
    });
    expect(out.status).toBe(204);
    const after = await fetch(`${b.url}/api/organisations`, { headers });
    expect(after.status).toBe(401);
  });
});
