import type { Config } from '../config';
import { type Db, inTransaction } from '../db/connect';
import type { InvitationStatus } from '../db/schema';
import { linkToken, randomId, shortCode, shortCodeHash, tokenHash } from '../secrets';

export interface NewPerson {
  name: string;
  groupCode: string;
  unitCode?: string | null;
  workplace?: string | null;
  position?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** The personal link of an invitation: `PUBLIC_URL/s/<token>`. */
export function linkFor(config: Pick<Config, 'publicUrl' | 'secret'>, tokenNonce: string): string {
  return `${config.publicUrl}/s/${linkToken(config.secret, tokenNonce)}`;
}

/** A fresh nonce and the hashes under which the link and its short code will find it. */
export function newToken(secret: string) {
  const tokenNonce = randomId();
  return {
    tokenNonce,
    tokenHash: tokenHash(linkToken(secret, tokenNonce)),
    shortCodeHash: shortCodeHash(secret, shortCode(secret, tokenNonce)),
  };
}

/**
 * Adds people to a campaign's roster, each with an invitation (one link, one draft, one
 * submission). All or nothing. Callers validate groups and units first.
 */
export async function addRespondents(
  db: Db,
  secret: string,
  campaignId: string,
  people: NewPerson[],
) {
  const now = new Date().toISOString();
  const rows = people.map((p) => ({
    respondent: {
      id: randomId(),
      campaignId,
      name: p.name.normalize('NFC').trim(),
      groupCode: p.groupCode,
      unitCode: p.unitCode ?? null,
      workplace: p.workplace ?? null,
      position: p.position ?? null,
      phone: p.phone ?? null,
      email: p.email ?? null,
      createdAt: now,
    },
    invitation: { id: randomId(), ...newToken(secret) },
  }));
  await inTransaction(db, async (trx) => {
    for (const r of rows) {
      await trx.insertInto('respondent').values(r.respondent).execute();
      await trx
        .insertInto('invitation')
        .values({
          ...r.invitation,
          campaignId,
          respondentId: r.respondent.id,
          status: 'not_opened',
          openedAt: null,
          startedAt: null,
          submittedAt: null,
          revokedAt: null,
          receipt: null,
          submitHash: null,
          createdAt: now,
        })
        .execute();
    }
  });
  return rows.map((r) => ({ respondentId: r.respondent.id, invitationId: r.invitation.id }));
}

export interface LinkRow {
  id: string;
  name: string;
  group: string;
  group_code: string;
  unit: string;
  status: InvitationStatus;
  link: string;
}

/** One row per invitation, sorted by unit then name, as the contract's `links` command prints. */
export async function listLinks(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'secret'>,
  campaignId: string,
  groupNames: Map<string, string>,
): Promise<LinkRow[]> {
  const campaign = await db
    .selectFrom('campaign')
    .select('unitSetId')
    .where('id', '=', campaignId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('invitation as i')
    .innerJoin('respondent as r', 'r.id', 'i.respondentId')
    .leftJoin('unit as u', (j) =>
      j.onRef('u.code', '=', 'r.unitCode').on('u.unitSetId', '=', campaign.unitSetId),
    )
    .select([
      'i.id',
      'i.status',
      'i.tokenNonce',
      'r.name',
      'r.groupCode',
      'r.workplace',
      'u.name as unitName',
      'u.position',
    ])
    .where('i.campaignId', '=', campaignId)
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      group: groupNames.get(r.groupCode) ?? r.groupCode,
      group_code: r.groupCode,
      unit: r.unitName ?? r.workplace ?? '',
      status: r.status,
      link: linkFor(config, r.tokenNonce),
      sort: r.position ?? Number.MAX_SAFE_INTEGER,
    }))
    .sort(
      (a, b) =>
        a.sort - b.sort || a.unit.localeCompare(b.unit, 'vi') || a.name.localeCompare(b.name, 'vi'),
    )
    .map(({ sort: _sort, ...row }) => row);
}
