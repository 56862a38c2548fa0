import { builtInSipasDefinition, builtInUnitSet } from '../../../questionnaires';
import { checkProof, issueChallenge } from '../../../server/auth/proof';
import { createCampaign } from '../../../server/campaigns/service';
import type { Db } from '../../../server/db/connect';
import { randomId } from '../../../server/secrets';
import { sipasCodeHash } from '../../../server/sipas/code-hash';
import { sipasCode } from '../../../server/sipas/codes';
import { solver } from '../../../survey-client/shared/pow';
import { json, SECRET, setup } from '../helpers';

/**
 * A SIPAS campaign open since yesterday, with points (A: one answer a device a day; B: no
 * limit) and a batch of one-time codes for A, on top of the usual test app.
 */
export async function sipasSetup() {
  const ctx = await setup();
  const campaignId = await createCampaign(ctx.db, {
    name: 'Khảo sát sự hài lòng 2026',
    definition: builtInSipasDefinition(),
    unitSet: builtInUnitSet(),
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
  } as Parameters<typeof createCampaign>[1]);
  const unit = await ctx.db.selectFrom('unit').select('code').limit(1).executeTakeFirstOrThrow();
  const point = async (code: string, dailyLimit: number, position: number) => {
    const id = randomId();
    await ctx.db
      .insertInto('collectionPoint')
      .values({
        id,
        campaignId,
        code,
        name: `Bộ phận Một cửa ${code}`,
        unitCode: unit.code,
        serviceArea: null,
        opens: '07:30',
        closes: '17:00',
        weekdays: '1,2,3,4,5',
        dailyLimit,
        position,
        createdAt: new Date().toISOString(),
      })
      .execute();
    return id;
  };
  const pointA = await point('AAA222', 1, 0);
  const pointB = await point('BBB333', 0, 1);
  const codes = await makeCodes(ctx.db, campaignId, pointA, 5);
  return { ...ctx, campaignId, pointA, pointB, codes };
}

export async function makeCodes(db: Db, campaignId: string, pointId: string, size: number) {
  const batchId = randomId();
  await db
    .insertInto('sipasCodeBatch')
    .values({
      id: batchId,
      campaignId,
      pointId,
      size,
      createdAt: new Date().toISOString(),
      createdBy: null,
    })
    .execute();
  const codes = Array.from({ length: size }, (_, i) => sipasCode(SECRET, batchId, i));
  await db
    .insertInto('sipasCode')
    .values(
      codes.map((c) => ({ codeHash: sipasCodeHash(SECRET, c), campaignId, pointId, batchId })),
    )
    .execute();
  return codes;
}

type App = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** Solves a challenge with the form's own solver (about 65,000 tries at 16 bits). */
export function solve(challenge: string) {
  const nonce = solver(challenge)(0, 1 << 30);
  if (nonce === null) throw new Error('unsolved');
  return { challenge, nonce };
}

/**
 * A browser: it keeps the `cchc_sipas` cookie it is given, as a phone would, and answers as
 * the form does (GET the questions and challenge, solve, POST).
 */
export function browser(app: App) {
  let cookie = '';
  const keep = (res: Response) => {
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0] ?? '';
    return res;
  };
  const request = async (path: string, init: RequestInit = {}) =>
    keep(
      await app.request(path, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          ...(cookie ? { Cookie: cookie } : {}),
        },
      }),
    );
  return {
    request,
    get cookie() {
      return cookie;
    },
    forget() {
      cookie = '';
    },
    async view(point: string, query = '') {
      const res = await request(`/api/p/${point}${query}`);
      return { res, body: (await res.json()) as Record<string, unknown> & { challenge: string } };
    },
    async submit(point: string, body: Record<string, unknown>, proof?: unknown) {
      const withProof =
        proof === undefined
          ? { ...body, proof: solve((await this.view(point)).body.challenge) }
          : proof === null
            ? body
            : { ...body, proof };
      return request(`/api/p/${point}/submit`, json(withProof));
    },
  };
}

/** A whole valid answer of the built-in definition: every element at `level`, a few extras. */
export function fullAnswer(level = '5', extra: Record<string, string | string[]> = {}) {
  const answers: Record<string, string | string[]> = {};
  for (const aspect of builtInSipasDefinition().aspects)
    for (const e of aspect.elements) answers[e.id] = level;
  return { submissionId: randomId(), answers: { ...answers, ...extra } };
}

export { checkProof, issueChallenge };
