import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../server/auth/users';
import { setCampaignOpen } from '../../server/campaigns/service';
import { openApiDocument } from '../../server/openapi';
import { onPostgres, tableNames } from '../db';
import { fullAnswers, json, setup, submissionId } from './helpers';

/**
 * Hostile input (issue #9, "Done when"): thousands of generated requests over the respondent
 * API, `/code`, the login and every route of `/api/openapi.json`, as each role and signed out —
 * random methods, paths with odd encodings, ids, bodies of wrong types, shapes, sizes and
 * depths, wrong content types, odd headers — through app.request on an in-memory database with
 * the demo campaign. None may answer 5xx, and no table may change, but for bookkeeping:
 *
 * - `login_attempt`: sign-ins and wrong short codes are counted (guessing budgets), and an
 *   invitation's `claim_failures`/`claim_locked_until`: wrong claims on a link are counted;
 * - `audit_log` rows of the reads it records (exports, prints, failed logins): a signed-in
 *   officer who downloads links.csv is audited, whatever odd query string came with it;
 * - `session`: nothing here signs anyone in or out (logout is never sent with a valid token), but
 *   a session row is bookkeeping should a route ever touch one.
 *
 * A request that could be legitimately valid is never generated where it would change data: with
 * a valid session and CSRF token, a state-changing request carries a body that cannot be valid
 * (not JSON, not an object, nested too deep, only unknown keys, known keys with values of a type
 * no field takes), and routes without a body (open, close, purge, revoke, reissue, lock, delete,
 * the paper print that makes serials) get only ids that name nothing.
 *
 * The seed is fixed (HOSTILE_SEED to try another); on failure fast-check prints the seed, the
 * path to the failing case and the request.
 */
const SEED = Number(process.env.HOSTILE_SEED ?? 20261206);
/** Requests per property; five properties. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 2100);

/** Bookkeeping tables, not compared (see above). */
const BOOKKEEPING = new Set(['login_attempt', 'session']);
/** Counters of wrong claims on a link (per link, not per address): bookkeeping too. */
const BOOKKEEPING_COLUMNS: Record<string, string[]> = {
  invitation: ['claimFailures', 'claimLockedUntil', 'claim_failures', 'claim_locked_until'],
};
/** Audit actions a read or a failed login writes; any other new audit row is a change. */
const READ_AUDITS = new Set([
  'login_failed',
  'links_exported',
  'non_responders_exported',
  'audit_exported',
  'slips_printed',
  'results_exported',
  'raw_answers_exported',
  'comments_exported',
]);

type Role = 'admin' | 'officer' | 'analyst';
type Who = Role | 'anon';
interface Req {
  who: Who;
  csrf: 'valid' | 'missing' | 'wrong';
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | undefined;
  label: string;
}

let ctx: Awaited<ReturnType<typeof setup>>;
const sessions = new Map<Role, { cookie: string; csrf: string }>();
let ids: {
  campaign: string;
  respondent: string;
  invitation: string;
  user: string;
  comment: string;
  run: string;
  tokens: string[];
  /** The claims the links' first opens gave, in the order of `tokens`. */
  claims: string[];
  shortCodes: string[];
};

// ——— what the API offers, from its own OpenAPI document ———

interface Op {
  method: string;
  path: string;
  body: 'json' | 'multipart' | 'none';
  params: string[];
}
const doc = openApiDocument('http://survey.test') as {
  paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { name: string }[] }>>;
};
const MULTIPART = /\/(roster\/(preview|import)|units|self-assessment)$/;
const CONSOLE_OPS: Op[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    body: op.requestBody
      ? 'json'
      : MULTIPART.test(path) && method === 'post'
        ? ('multipart' as const)
        : 'none',
    params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''),
  })),
);
const OTHER_OPS: Op[] = [
  { method: 'POST', path: '/api/auth/login', body: 'json', params: [] },
  { method: 'GET', path: '/api/s/{token}', body: 'none', params: ['token'] },
  { method: 'PUT', path: '/api/s/{token}/draft', body: 'json', params: ['token'] },
  { method: 'POST', path: '/api/s/{token}/submit', body: 'json', params: ['token'] },
  { method: 'GET', path: '/s/{token}', body: 'none', params: ['token'] },
  { method: 'POST', path: '/code', body: 'json', params: [] },
  { method: 'GET', path: '/api/openapi.json', body: 'none', params: [] },
  { method: 'GET', path: '/api/health', body: 'none', params: [] },
];
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A POST whose empty body is valid: an empty body asks for the official scoring run. */
const EMPTY_BODY_OK = /\/runs$/;
/** A GET that writes when it succeeds: printing paper forms makes their serials. */
const EFFECTFUL_GET = /\/paper$/;

// ——— generators ———

const ODD_STRINGS = [
  '',
  ' ',
  '.',
  '..',
  '%2e%2e',
  '%2E%2E%2F%2E%2E',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '%0A',
  '%0D%0AX-Injected:%201',
  '%',
  '%ZZ',
  '%E0%A4%A',
  '%C0%AF',
  "'%20OR%201=1--",
  '1;DROP%20TABLE%20campaign',
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '%F0%9F%98%80',
  'Chủ%20tịch',
  'a'.repeat(300),
  'x'.repeat(5000),
  '*',
  '%2A',
  '[]',
  '{}',
];
const oddId = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponent),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
);

/** A path parameter: the real value (plainly or oddly spelt), or one that names nothing. */
function paramArb(name: string, realAllowed: boolean): fc.Arbitrary<string> {
  if (!realAllowed) return oddId.filter((v) => !isReal(v));
  const real = (): string[] => {
    if (name === 'id') return [ids.campaign];
    if (name === 'respondentId') return [ids.respondent];
    if (name === 'inv') return [ids.invitation];
    if (name === 'uid') return [ids.user];
    if (name === 'commentId') return [ids.comment];
    if (name === 'run') return [ids.run];
    if (name === 'token') return ids.tokens;
    if (name === 'serial') return ['K7QM4X2PA', 'K7QM-4X2P-A'];
    return ['x'];
  };
  const spelt = fc
    .tuple(fc.nat(), fc.constantFrom('plain', 'encoded', 'upper', 'suffix', 'prefix'))
    .map(([i, how]) => {
      const values = real();
      const v = values[i % values.length] ?? '';
      if (how === 'encoded')
        return [...v].map((ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
      if (how === 'upper') return v.toUpperCase();
      if (how === 'suffix') return `${v}%00`;
      if (how === 'prefix') return `..%2F${v}`;
      return v;
    });
  return fc.oneof({ weight: 3, arbitrary: spelt }, { weight: 2, arbitrary: oddId });
}

/** Does an id (however spelt) decode to a real one? */
function isReal(v: string): boolean {
  let d = v;
  try {
    d = decodeURIComponent(v);
  } catch {}
  const all = [ids.campaign, ids.respondent, ids.invitation, ids.user, ids.comment, ids.run];
  return all.some((r) => r && (d === r || d.toLowerCase() === r.toLowerCase()));
}

const pathNoise = fc.constantFrom(
  (p: string) => p,
  (p: string) => p,
  (p: string) => p,
  (p: string) => `/${p}`,
  (p: string) => p.replace(/\//g, '//'),
  (p: string) => `${p}/`,
  (p: string) => `${p}/extra`,
  (p: string) => `${p}/..`,
  (p: string) => p.replace('/api/', '/API/'),
  (p: string) => p.replace('/api/', '/api%2F'),
  (p: string) => p.replace(/\/s\//, '/S/'),
  (p: string) => p.replace(/\//g, '%2F'),
  (p: string) => `${p}%0A`,
  (p: string) => `${p};jsessionid=1`,
  (p: string) => p.replace(/\//g, '\\'),
);

const queryArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.constantFrom(
            'format',
            'ids',
            'group',
            'unit',
            'status',
            'limit',
            'offset',
            'part',
            'q',
            'search',
            'with',
            'run',
            '__proto__',
            'a[b]',
            '',
          ),
          fc.oneof(
            fc.constantFrom('csv', 'xlsx', 'json', '-1', '1e309', 'NaN', '', '%00', 'a,b,,c'),
            oddId,
          ),
        ),
        { maxLength: 4 },
      )
      .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
  },
);

const deep = fc
  .tuple(fc.integer({ min: 20, max: 6000 }), fc.boolean())
  .map(([d, arr]) =>
    arr ? `${'['.repeat(d)}${']'.repeat(d)}` : `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`,
  );

/** Keys every body schema knows; given values of a type no such field takes (numbers, objects). */
const KNOWN_KEYS = [
  'name',
  'answers',
  'code',
  'serial',
  'text',
  'role',
  'email',
  'password',
  'currentPassword',
  'newPassword',
  'channel',
  'disabled',
  'submissionId',
  'groupCode',
  'comments',
  'demographics',
  'state',
  'method',
  'definition',
];
const garbage = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constant(1e308),
  fc.dictionary(
    fc.string({ maxLength: 8 }).map((k) => `~${k}`),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 3 },
  ),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** A JSON-ish body that no schema can accept. */
const invalidBody = fc.oneof(
  fc.constant(''),
  fc.constantFrom('{', '[', '{"a":}', 'nul', "{'a':1}", '\u0000', '\uFEFF{}', '{"a":1}{"b":2}'),
  fc.string({ maxLength: 200 }).filter((s) => {
    try {
      const v = JSON.parse(s);
      return typeof v !== 'object' || v === null;
    } catch {
      return true;
    }
  }),
  fc
    .oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string())
    .map((v) => JSON.stringify(v)),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }).map((v) => JSON.stringify(v)),
  deep,
  fc
    .dictionary(
      fc.oneof(
        fc.string({ maxLength: 10 }).map((k) => `~${k}`),
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
      ),
      fc.jsonValue({ maxDepth: 3 }),
      { minKeys: 0, maxKeys: 5 },
    )
    .map((v) => JSON.stringify(v)),
  fc
    .dictionary(fc.constantFrom(...KNOWN_KEYS), garbage, { minKeys: 1, maxKeys: 4 })
    .map((v) => JSON.stringify(v)),
  fc.constantFrom('{"__proto__":{"role":"admin"}}', '{"constructor":{"prototype":{"x":1}}}'),
  fc.integer({ min: 1, max: 400 }).map((kb) => JSON.stringify({ name: 'x'.repeat(kb * 1024) })),
  fc.constant(`{"answers":[${Array(3000).fill('{}').join(',')}]}`),
);
/** Anything, valid or not: for requests that cannot change data whatever their body. */
const anyBody = fc.oneof(
  invalidBody,
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .record({
      email: fc.oneof(fc.emailAddress(), fc.string()),
      password: fc.string(),
      code: fc.string(),
    })
    .map((v) => JSON.stringify(v)),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=----x',
  'application/xml',
  '',
  '*/*',
  'application/json, text/plain',
);

const extraHeaders = fc.record(
  {
    'X-Forwarded-For': fc.constantFrom('1.2.3.4', '::1', 'garbage', '1.2.3.4, 5.6.7.8'),
    'X-Forwarded-Proto': fc.constantFrom('https', 'http', 'gopher'),
    Accept: fc.constantFrom('*/*', 'text/csv', 'application/json', ''),
    'Content-Length': fc.constantFrom('0', '-1', '99999999', 'abc'),
    'X-HTTP-Method-Override': fc.constantFrom('DELETE', 'PATCH'),
    Range: fc.constantFrom('bytes=0-10', 'bytes=-1'),
    Origin: fc.constantFrom('https://evil.test', 'null'),
  },
  { requiredKeys: [] },
);

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

function requestArb(ops: Op[], whos: Who[]): fc.Arbitrary<Req> {
  return fc
    .tuple(
      fc.constantFrom(...ops),
      fc.constantFrom(...whos),
      fc.constantFrom('valid', 'valid', 'missing', 'wrong'),
      fc.oneof(
        { weight: 4, arbitrary: fc.constant('') },
        { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
      ),
    )
    .chain(([op, who, csrf, otherMethod]) => {
      const method = otherMethod || op.method;
      const signedIn = who !== 'anon';
      // Could this request do what the route is for? Then it must not be able to succeed.
      const armed = signedIn && csrf === 'valid' && MUTATING.has(method);
      // A route without a body (or another method at its path) would just do its action.
      const action =
        armed &&
        op.path !== '/code' &&
        (op.body !== 'json' || method !== op.method || EMPTY_BODY_OK.test(op.path));
      const printing = EFFECTFUL_GET.test(op.path) && signedIn;
      const logout = op.path === '/api/auth/logout';
      const realAllowed = !(action || printing);
      const params = op.params.map((p) =>
        // A respondent's token: GET and bad bodies change nothing (every link was opened first).
        p === 'token' ? paramArb(p, true) : paramArb(p, realAllowed),
      );
      const body =
        method === 'GET' || method === 'HEAD'
          ? fc.constant(undefined)
          : op.path === '/code'
            ? fc.oneof(
                anyBody,
                fc.constantFrom(...ids.shortCodes).map((c) => `code=${encodeURIComponent(c)}`),
                fc.string().map((s) => `code=${s}`),
              )
            : armed || (op.path.startsWith('/api/s/') && MUTATING.has(method))
              ? invalidBody
              : anyBody;
      return fc
        .tuple(
          params.length ? fc.tuple(...params) : fc.constant([] as string[]),
          pathNoise,
          queryArb,
          body,
          contentType,
          extraHeaders,
          fc.boolean(),
          fc.option(
            fc.oneof(
              fc.constantFrom(...ids.claims),
              fc.string({ maxLength: 40 }),
              fc.constantFrom('ABCD-EFGH-JKMN-PQRS', ' a b c ', '0000000000000000'),
            ),
            { nil: undefined },
          ),
        )
        .map(([values, noise, query, b, type, extra, garbledCookie, claimPick]) => {
          let path = op.path;
          op.params.forEach((p, i) => {
            path = path.replace(`{${p}}`, values[i] ?? '');
          });
          // Noise never turns an action's odd id back into a real one, nor a logout into a real one.
          const noisy = realAllowed ? noise(path) : path;
          const headers: Record<string, string> = { ...extra };
          // A link's claim: sometimes a real one (of this link or another), sometimes garbage.
          if (op.path.startsWith('/api/s/') && claimPick !== undefined)
            headers['X-Claim'] = claimPick;
          if (type) headers['Content-Type'] = type;
          if (signedIn) {
            const s = sessions.get(who as Role);
            headers.Cookie = garbledCookie && !armed ? `${s?.cookie}x` : (s?.cookie ?? '');
            // Signing out would end the session the next requests use: never with its token.
            if (csrf === 'valid' && !logout) headers['X-CSRF-Token'] = s?.csrf ?? '';
            if (csrf === 'wrong') headers['X-CSRF-Token'] = 'wrong';
          } else if (garbledCookie) headers.Cookie = 'sid=forged; sid=again';
          // An armed request never overrides its method into a bodyless action.
          if (armed) delete headers['X-HTTP-Method-Override'];
          const req: Req = {
            who,
            csrf,
            method,
            path: noisy + query,
            headers,
            body: b,
            label: `${who}${signedIn ? `/${csrf}` : ''} ${method} ${op.method} ${op.path}`,
          };
          // fast-check prints a failing case with this: the body cut short.
          return Object.assign(req, {
            [fc.toStringMethod]: () =>
              JSON.stringify({
                ...req,
                body: b === undefined ? undefined : `${b.slice(0, 300)}… (${b.length} chars)`,
              }),
          });
        });
    });
}

// ——— the database before and after ———

async function snapshot(): Promise<Map<string, string[]>> {
  const tables = (await tableNames(ctx.db)).sort();
  const out = new Map<string, string[]>();
  for (const name of tables) {
    if (BOOKKEEPING.has(name)) continue;
    const skip = BOOKKEEPING_COLUMNS[name] ?? [];
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(
      ctx.db,
    );
    let lines = rows.map((r) =>
      JSON.stringify(r, (k, v) =>
        skip.includes(k) ? undefined : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
      ),
    );
    if (name === 'audit_log') {
      lines = lines.filter((l) => !READ_AUDITS.has(String(JSON.parse(l).action)));
    }
    out.set(name, lines.sort());
  }
  return out;
}

function diff(before: Map<string, string[]>, after: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [table, rows] of after) {
    const was = new Set(before.get(table) ?? []);
    const now = new Set(rows);
    for (const r of rows) if (!was.has(r)) out.push(`+ ${table} ${r.slice(0, 300)}`);
    for (const r of was) if (!now.has(r)) out.push(`- ${table} ${r.slice(0, 300)}`);
  }
  return out;
}

async function send(r: Req) {
  const res = await ctx.app.request(r.path, {
    method: r.method,
    headers: r.headers,
    ...(r.body === undefined ? {} : { body: r.body }),
  });
  // Read the body: a stream that fails half-way is a failure too.
  await res.arrayBuffer();
  return res.status;
}

/** Runs one property: every generated request, none 5xx; then no table changed. */
async function hostile(
  name: string,
  arb: fc.Arbitrary<Req>,
  seedOffset: number,
  expected: number[],
) {
  const before = await snapshot();
  const statuses = new Map<number, number>();
  const changedBy: string[] = [];
  let changes = await totalChanges();
  let sent = 0;
  const seed = SEED + seedOffset;
  try {
    await fc.assert(
      fc.asyncProperty(arb, async (r) => {
        const status = await send(r);
        sent++;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const now = await totalChanges();
        if (now !== changes)
          changedBy.push(`${status} ${r.label} → ${r.method} ${r.path.slice(0, 120)}`);
        changes = now;
        if (status >= 500) {
          throw new Error(`${status} for ${r.label}: ${r.method} ${r.path.slice(0, 200)}`);
        }
      }),
      { seed, numRuns: RUNS, endOnFailure: true, includeErrorInReport: true },
    );
  } catch (err) {
    throw new Error(`${name}: seed ${seed} (HOSTILE_SEED=${SEED}): ${(err as Error).message}`);
  }
  expect(sent).toBeGreaterThanOrEqual(RUNS);
  // The requests reach the routes, not only the 404 page: each expected answer was seen.
  const seen = [...statuses.keys()].sort((a, b) => a - b);
  for (const status of expected)
    expect(seen, `${name}: statuses ${seen.join(',')}`).toContain(status);
  const changed = diff(before, await snapshot());
  if (changed.length > 0) {
    throw new Error(
      `${name}: seed ${seed}: tables changed:\n${changed.slice(0, 20).join('\n')}\nrequests that wrote anything:\n${changedBy.slice(0, 40).join('\n')}`,
    );
  }
  return sent;
}

/** Moves when anything is written (only to name the requests that wrote, when one did). */
async function totalChanges(): Promise<string> {
  const { rows } = onPostgres
    ? await sql<{ n: string }>`SELECT pg_current_wal_insert_lsn()::text AS n`.execute(ctx.db)
    : await sql<{ n: number }>`SELECT total_changes() AS n`.execute(ctx.db);
  return String(rows[0]?.n ?? 0);
}

beforeAll(async () => {
  ctx = await setup();
  for (const role of ['admin', 'officer', 'analyst'] as const) {
    const email = `${role}@hostile.test`;
    await addUser(ctx.db, { email, password: 'mật-khẩu-thử-nghiệm', role, name: role });
    const res = await ctx.app.request(
      '/api/auth/login',
      json({ email, password: 'mật-khẩu-thử-nghiệm' }),
    );
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    sessions.set(role, {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      csrf: csrfToken,
    });
  }
  // Every link opened (claimed) once, as a respondent would: opening it again changes nothing.
  const tokens = ctx.tokens('HDND_HUYEN').concat(ctx.tokens('LD_UBND_XA')).slice(0, 6);
  const claims: string[] = [];
  for (const t of tokens) claims.push(await ctx.claimOf(t));
  const officer = sessions.get('officer');
  const invitations = (
    (await (
      await ctx.app.request(`/api/campaigns/demo-2023/invitations`, {
        headers: { Cookie: officer?.cookie ?? '' },
      })
    ).json()) as { items: { id: string; shortCode: string; respondentId?: string }[] }
  ).items;
  const respondent = await ctx.db.selectFrom('respondent').select('id').executeTakeFirstOrThrow();
  const user = await ctx.db.selectFrom('user').select('id').executeTakeFirstOrThrow();
  ids = {
    campaign: 'demo-2023',
    respondent: respondent.id,
    invitation: invitations[0]?.id ?? '',
    user: user.id,
    comment: 'no-comment-yet',
    run: 'no-run-yet',
    tokens,
    claims,
    shortCodes: invitations.slice(0, 3).map((i) => i.shortCode),
  };
}, 30_000);

describe('hostile input', () => {
  let total = 0;

  it('the respondent API, /code and the login: no 5xx, nothing changed', async () => {
    total += await hostile(
      'respondent',
      requestArb(OTHER_OPS, ['anon', 'anon', 'officer']),
      0,
      [200, 400, 401, 403, 404, 413],
    );
  }, 60_000);

  it('the console API signed out: no 5xx, nothing changed', async () => {
    total += await hostile('anon', requestArb(CONSOLE_OPS, ['anon']), 1, [401, 404]);
  }, 60_000);

  it('the console API as each role: no 5xx, nothing changed', async () => {
    total += await hostile(
      'roles',
      requestArb(CONSOLE_OPS, ['admin', 'officer', 'analyst']),
      2,
      [200, 400, 401, 403, 404, 409],
    );
  }, 60_000);

  it('anything anywhere: no 5xx, nothing changed', async () => {
    total += await hostile(
      'mixed',
      requestArb([...CONSOLE_OPS, ...OTHER_OPS], ['anon', 'admin', 'officer', 'analyst']),
      3,
      [200, 400, 401, 403, 404],
    );
  }, 60_000);

  it('the console API as each role once the campaign is closed, with a comment and a run', async () => {
    // One form with a comment, the campaign closed, an official run: the results' routes answer.
    const token = ids.tokens[0] ?? '';
    const answers = await fullAnswers(ctx.db, 'HDND_HUYEN');
    const submit = await ctx.respond(
      token,
      '/submit',
      json({ submissionId: submissionId(), answers, comments: { P01: 'Ý kiến thử.' } }),
    );
    expect(submit.status).toBe(201);
    await setCampaignOpen(ctx.db, ids.campaign, false);
    const analyst = sessions.get('analyst');
    const run = await ctx.app.request(`/api/campaigns/${ids.campaign}/runs`, {
      method: 'POST',
      headers: { Cookie: analyst?.cookie ?? '', 'X-CSRF-Token': analyst?.csrf ?? '' },
    });
    expect(run.status).toBe(201);
    ids.run = ((await run.json()) as { method: { runId: string } }).method.runId;
    const comment = await ctx.db.selectFrom('comment').select('id').executeTakeFirstOrThrow();
    ids.comment = comment.id;
    total += await hostile(
      'closed',
      requestArb(CONSOLE_OPS, ['admin', 'officer', 'analyst', 'anon']),
      4,
      [200, 400, 401, 403, 404],
    );
    expect(total).toBeGreaterThanOrEqual(10_000);
  }, 60_000);
});
