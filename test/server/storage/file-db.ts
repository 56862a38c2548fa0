import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { questionnairesFor } from '../../../contract/questionnaires-for';
import { builtInDefinition, builtInUnitSet } from '../../../questionnaires';
import { createApp } from '../../../server/app';
import { createCampaign } from '../../../server/campaigns/service';
import { type Db, migrateToLatest, openDb } from '../../../server/db/connect';
import { addRespondents, listLinks } from '../../../server/invitations/service';
import { claimLink, config, json, submissionId, withClaim } from '../helpers';

export const GROUP = 'HDND_HUYEN';

/** The environment the CLI reads, on the database at `path`. */
export const cliEnv = (path: string): NodeJS.ProcessEnv => ({
  DATABASE_URL: path,
  APP_SECRET: config.secret,
  PUBLIC_URL: 'https://khaosat.example.vn',
});

/** A temp folder, removed by the returned function. */
export function tempDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The product on a file database (dbstat needs pages; durability needs a file) with an open
 * campaign of `people` delegates (HDND_HUYEN: 176 answers a form, no unit to pick).
 */
export async function fileApp(path: string, people: number) {
  const db = openDb(path);
  await migrateToLatest(db);
  const campaignId = await createCampaign(db, {
    name: 'Đợt thử lưu trữ',
    definition: builtInDefinition(),
    unitSet: builtInUnitSet(),
    opensAt: '2020-01-01T00:00:00Z',
  });
  await addRespondents(
    db,
    config.secret,
    campaignId,
    Array.from({ length: people }, (_, i) => ({ name: `Người ${i + 1}`, groupCode: GROUP })),
  );
  const tokens = (await listLinks(db, config, campaignId, new Map())).map((l) =>
    l.link.replace(/^.*\/s\//, ''),
  );
  const app = createApp({ db, config });
  const claims = new Map<string, string>();
  /** A call on a link as the form makes it: claimed on first use, then with X-Claim. */
  const respond = async (token: string, path = '', init: RequestInit = {}) => {
    let claim = claims.get(token);
    if (!claim) {
      claim = await claimLink(app, token);
      claims.set(token, claim);
    }
    return app.request(`/api/s/${token}${path}`, withClaim(claim, init));
  };
  /** Person i's form, the options going round A–E by person and answer, submitted. */
  const submitVaried = async (i: number) =>
    respond(
      tokens[i] ?? '',
      '/submit',
      json({
        submissionId: submissionId(),
        answers: await delegateAnswers(db, (j) => 'ABCDE'[(i + j) % 5] as string),
      }),
    );
  return { db, app, campaignId, tokens, respond, submitVaried };
}

/** The answers a delegate owes, each option picked by `option(i)`. */
export async function delegateAnswers(db: Db, option: (i: number) => string = () => 'A') {
  const units = await db
    .selectFrom('unit')
    .select(['code', 'name', 'kind'])
    .orderBy('position')
    .execute();
  let i = 0;
  return questionnairesFor(builtInDefinition(), GROUP, units).flatMap((q) =>
    q.questions.flatMap((question) =>
      q.units.map((u) => ({
        questionnaireId: q.id,
        questionId: question.id,
        unitCode: u.code,
        option: option(i++),
      })),
    ),
  );
}
