import { resolve } from 'node:path';
import { questionnairesFor } from '../../contract/questionnaires-for';
import type { Answer, SurveyView } from '../../contract/respondent';
import { builtInDefinition } from '../../questionnaires';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connect';
import { createDemo, DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { listLinks } from '../../server/invitations/service';
import { freshDb } from '../db';

export const SECRET = 'test-secret-test-secret-test-secret-0123456789';
export const config = {
  secret: SECRET,
  publicUrl: 'http://survey.test',
  bodyLimit: 256 * 1024,
  logRequests: false,
  trustProxy: false,
  clientDir: resolve(import.meta.dirname, '../../dist/client'),
};

/** A fresh in-memory database with the demo campaign, and the app on top of it. */
export async function setup() {
  const db = await freshDb();
  await createDemo(db, SECRET);
  const app = createApp({ db, config });
  const groups = new Map(builtInDefinition().groups.map((g) => [g.code, g.name]));
  const links = await listLinks(db, config, DEMO_CAMPAIGN_ID, groups);
  /** The tokens of the demo campaign's invitations in a group. */
  const tokens = (groupCode: string) =>
    links.filter((l) => l.group_code === groupCode).map((l) => l.link.split('/s/')[1] ?? '');
  const claims = new Map<string, string>();
  /**
   * A call on a link as the respondent's form makes it: the first one opens (claims) the link,
   * and every call then carries its claim in X-Claim. `path` follows `/api/s/<token>`.
   */
  const respond = async (token: string, path = '', init: RequestInit = {}) => {
    let claim = claims.get(token);
    if (!claim) {
      claim = await claimLink(app, token);
      claims.set(token, claim);
    }
    return app.request(`/api/s/${token}${path}`, withClaim(claim, init));
  };
  /** The claim `respond` got for a link (claiming it if it has not yet). */
  const claimOf = async (token: string) => {
    if (!claims.has(token)) claims.set(token, await claimLink(app, token));
    return claims.get(token) ?? '';
  };
  return { db, app, links, tokens, respond, claimOf };
}

type RequestFn = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** Opens a link for the first time, as the form does: the GET that claims it. Its claim. */
export async function claimLink(app: RequestFn, token: string): Promise<string> {
  const res = await app.request(`/api/s/${token}`);
  const view = (await res.json()) as Partial<SurveyView>;
  if (res.status !== 200 || !view.claim) {
    throw new Error(`GET /api/s/<token> gave no claim: ${res.status} ${JSON.stringify(view)}`);
  }
  return view.claim;
}

/** `init` with the claim (or a resume code) in X-Claim. */
export const withClaim = (claim: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string> | undefined), 'X-Claim': claim },
});

/** Claims a link and submits `body` through it, as a respondent would. */
export async function submitThrough(app: RequestFn, token: string, body: unknown) {
  const claim = await claimLink(app, token);
  return app.request(`/api/s/${token}/submit`, withClaim(claim, json(body)));
}

export const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** Every answer a group owes, all with `option` (or chosen per answer by a function). */
export async function fullAnswers(
  db: Db,
  groupCode: string,
  option: Answer['option'] | ((i: number) => Answer['option']) = 'A',
) {
  const units = await db
    .selectFrom('unit')
    .select(['code', 'name', 'kind'])
    .orderBy('position')
    .execute();
  const views = questionnairesFor(builtInDefinition(), groupCode, units);
  let i = 0;
  return views.flatMap((q) =>
    q.questions.flatMap((question) =>
      q.units.map((u) => ({
        questionnaireId: q.id,
        questionId: question.id,
        unitCode: u.code,
        option: typeof option === 'function' ? option(i++) : option,
      })),
    ),
  );
}

export const submissionId = () =>
  `sub_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

/** Signs in a new account of `role`; returns a request function that sends cookie and CSRF token. */
export async function signIn(
  ctx: Awaited<ReturnType<typeof setup>>,
  role: 'admin' | 'officer' | 'analyst',
) {
  const { addUser } = await import('../../server/auth/users');
  const email = `${role}-${Math.random().toString(36).slice(2)}@test.vn`;
  await addUser(ctx.db, { email, password: 'mật-khẩu-thử-nghiệm', role, name: `Người ${role}` });
  const res = await ctx.app.request(
    '/api/auth/login',
    json({ email, password: 'mật-khẩu-thử-nghiệm' }),
  );
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return (path: string, init: RequestInit = {}) => {
    // A FormData body sets its own multipart Content-Type; everything else is JSON.
    const type: Record<string, string> =
      init.body instanceof FormData ? {} : { 'Content-Type': 'application/json' };
    return ctx.app.request(path, {
      ...init,
      headers: {
        ...type,
        ...(init.headers as Record<string, string>),
        Cookie: cookie,
        'X-CSRF-Token': csrfToken,
      },
    });
  };
}
