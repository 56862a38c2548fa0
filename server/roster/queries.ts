import type { Db } from '../db/connect';
import { PERSON_COLUMNS } from '../invitations/queries';
import type { ExistingRespondent } from './plan';
import type { Person } from './validate';

/** The campaign's roster with each person's invitation (one per respondent). */
export async function listRosterRespondents(
  db: Db,
  campaignId: string,
): Promise<ExistingRespondent[]> {
  return db
    .selectFrom('respondent as r')
    .leftJoin('invitation as i', 'i.respondentId', 'r.id')
    .select(['r.id', ...PERSON_COLUMNS, 'i.id as invitationId', 'i.status as invitationStatus'])
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
