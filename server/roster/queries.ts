import type { Db } from '../db/connect';
import { newToken } from '../invitations/service';
import { randomId } from '../secrets';
import type { ExistingRespondent } from './plan';
import type { Person } from './validate';

/** SQLite binds at most 32,766 parameters per statement; 400 rows × 14 columns stays well under. */
const CHUNK = 400;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The campaign's roster with each person's invitation (one per respondent). */
export async function listRosterRespondents(
  db: Db,
  campaignId: string,
): Promise<ExistingRespondent[]> {
  return db
    .selectFrom('respondent as r')
    .leftJoin('invitation as i', 'i.respondentId', 'r.id')
    .select([
      'r.id',
      'r.name',
      'r.groupCode',
      'r.unitCode',
      'r.workplace',
      'r.position',
      'r.phone',
      'r.email',
      'i.id as invitationId',
      'i.status as invitationStatus',
    ])
    .where('r.campaignId', '=', campaignId)
    .execute();
}

/** The groups that have someone on the campaign's roster. */
export async function listRosterGroups(db: Db, campaignId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('respondent')
    .select('groupCode')
    .distinct()
    .where('campaignId', '=', campaignId)
    .execute();
  return rows.map((r) => r.groupCode);
}

/**
 * Adds people with their invitations, as addRespondents does (same columns, same tokens), but
 * in multi-row statements: 50,000 people are 250 statements instead of 100,000. Call inside
 * the import's transaction.
 */
export async function insertPeople(
  db: Db,
  secret: string,
  campaignId: string,
  people: Person[],
  now = new Date().toISOString(),
): Promise<string[]> {
  const rows = people.map((p) => ({
    respondent: { id: randomId(), campaignId, ...p, createdAt: now },
    invitation: { id: randomId(), ...newToken(secret) },
  }));
  for (const part of chunks(rows)) {
    await db
      .insertInto('respondent')
      .values(part.map((r) => r.respondent))
      .execute();
    await db
      .insertInto('invitation')
      .values(
        part.map((r) => ({
          ...r.invitation,
          campaignId,
          respondentId: r.respondent.id,
          status: 'not_opened' as const,
          openedAt: null,
          startedAt: null,
          submittedAt: null,
          revokedAt: null,
          receipt: null,
          submitHash: null,
          createdAt: now,
        })),
      )
      .execute();
  }
  return rows.map((r) => r.respondent.id);
}

/** Changes a respondent's details; the id, and so the invitation and its link, stay. */
export async function updatePerson(db: Db, campaignId: string, id: string, person: Person) {
  await db
    .updateTable('respondent')
    .set(person)
    .where('id', '=', id)
    .where('campaignId', '=', campaignId)
    .execute();
}

/** Removes a person with their invitation, draft, events and reminders; call in a transaction. */
export async function deletePerson(
  db: Db,
  campaignId: string,
  respondentId: string,
  invitationId: string | null,
) {
  if (invitationId) {
    await db.deleteFrom('draft').where('invitationId', '=', invitationId).execute();
    await db.deleteFrom('invitationEvent').where('invitationId', '=', invitationId).execute();
    await db.deleteFrom('reminder').where('invitationId', '=', invitationId).execute();
    await db.deleteFrom('invitation').where('id', '=', invitationId).execute();
  }
  await db
    .deleteFrom('respondent')
    .where('id', '=', respondentId)
    .where('campaignId', '=', campaignId)
    .execute();
}
