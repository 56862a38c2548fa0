import { type Insertable, sql } from 'kysely';
import { type Db, inTransaction, isPostgres } from '../db/connect';
import type { InvitationStatus, ReminderTable } from '../db/schema';

/** A person's columns as the console's lists read them (`r` is the respondent). */
export const PERSON_COLUMNS = [
  'r.name',
  'r.groupCode',
  'r.unitCode',
  'r.workplace',
  'r.position',
  'r.phone',
  'r.email',
] as const;

export interface InvitationFilter {
  status?: InvitationStatus[];
  groupCode?: string;
  unitCode?: string;
  ids?: string[];
}

const collator = new Intl.Collator('vi');

/** Invitations with their person and unit, sorted by unit (as the office lists them), then name. */
export async function listInvitations(db: Db, campaignId: string, filter: InvitationFilter = {}) {
  const campaign = await db
    .selectFrom('campaign')
    .select('unitSetId')
    .where('id', '=', campaignId)
    .executeTakeFirstOrThrow();
  let q = db
    .selectFrom('invitation as i')
    .innerJoin('respondent as r', 'r.id', 'i.respondentId')
    .leftJoin('unit as u', (j) =>
      j.onRef('u.code', '=', 'r.unitCode').on('u.unitSetId', '=', campaign.unitSetId),
    )
    .select([
      'i.id',
      'i.status',
      'i.tokenNonce',
      'i.openedAt',
      'i.startedAt',
      'i.submittedAt',
      'i.revokedAt',
      'i.createdAt',
      'r.id as respondentId',
      ...PERSON_COLUMNS,
      'u.name as unitName',
      'u.position as unitPosition',
    ])
    .select((eb) => [
      eb
        .selectFrom('reminder')
        .whereRef('reminder.invitationId', '=', 'i.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('reminders'),
      eb
        .selectFrom('reminder')
        .whereRef('reminder.invitationId', '=', 'i.id')
        .select((sub) => sub.fn.max('at').as('m'))
        .as('lastReminderAt'),
    ])
    .where('i.campaignId', '=', campaignId);
  if (filter.status?.length) q = q.where('i.status', 'in', filter.status);
  if (filter.groupCode) q = q.where('r.groupCode', '=', filter.groupCode);
  if (filter.unitCode) q = q.where('r.unitCode', '=', filter.unitCode);
  if (filter.ids?.length) q = q.where('i.id', 'in', filter.ids);
  const rows = (await q.execute()).map(({ revokedAt, createdAt, ...row }) => ({
    ...row,
    changedAt: [row.openedAt, row.startedAt, row.submittedAt, revokedAt].reduce<string>(
      (last, t) => (t && t > last ? t : last),
      createdAt,
    ),
  }));
  return rows.sort(
    (a, b) =>
      (a.unitPosition ?? 1e9) - (b.unitPosition ?? 1e9) ||
      collator.compare(a.unitName ?? a.workplace ?? '', b.unitName ?? b.workplace ?? '') ||
      collator.compare(a.name, b.name),
  );
}

export type InvitationRow = Awaited<ReturnType<typeof listInvitations>>[number];

/**
 * What a list needs of every matching invitation to search, sort, count slips and page them —
 * and no more: at 5,000 rows each column fetched costs, so the page's full rows are read apart
 * (`listInvitations` with their ids). `contact` adds the phone and the e-mail a search reads.
 */
export async function listInvitationKeys(
  db: Db,
  campaignId: string,
  filter: InvitationFilter,
  contact: boolean,
) {
  let q = db
    .selectFrom('invitation as i')
    .innerJoin('campaign as c', 'c.id', 'i.campaignId')
    .innerJoin('respondent as r', 'r.id', 'i.respondentId')
    .leftJoin('unit as u', (j) =>
      j.onRef('u.code', '=', 'r.unitCode').onRef('u.unitSetId', '=', 'c.unitSetId'),
    )
    .select([
      'i.id',
      'i.status',
      'r.name',
      'r.groupCode',
      'r.workplace',
      'u.name as unitName',
      'u.position as unitPosition',
    ])
    .select(
      sql<string>`${isPostgres(db) ? sql`greatest` : sql`max`}(i.created_at, coalesce(i.opened_at, ''), coalesce(i.started_at, ''), coalesce(i.submitted_at, ''), coalesce(i.revoked_at, ''))`.as(
        'changedAt',
      ),
    )
    .$if(contact, (qb) => qb.select(['r.phone', 'r.email']))
    .where('i.campaignId', '=', campaignId);
  if (filter.status?.length) q = q.where('i.status', 'in', filter.status);
  if (filter.groupCode) q = q.where('r.groupCode', '=', filter.groupCode);
  if (filter.unitCode) q = q.where('r.unitCode', '=', filter.unitCode);
  if (filter.ids?.length) q = q.where('i.id', 'in', filter.ids);
  return (await q.execute()) as (Awaited<ReturnType<typeof q.execute>>[number] & {
    phone?: string | null;
    email?: string | null;
  })[];
}

export type InvitationKey = Awaited<ReturnType<typeof listInvitationKeys>>[number];

export function findInvitation(db: Db, campaignId: string, id: string) {
  return db
    .selectFrom('invitation')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Response counts per group × unit: what tracking shows, never who. */
export async function trackingCounts(db: Db, campaignId: string) {
  return db
    .selectFrom('invitation as i')
    .innerJoin('respondent as r', 'r.id', 'i.respondentId')
    .select(['r.groupCode', 'r.unitCode', 'i.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('i.campaignId', '=', campaignId)
    .groupBy(['r.groupCode', 'r.unitCode', 'i.status'])
    .execute();
}

/** How many invitations a campaign has in each status. */
export function countInvitationsByStatus(db: Db, campaignId: string) {
  return db
    .selectFrom('invitation')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', campaignId)
    .groupBy('status')
    .execute();
}

/**
 * A new token for the same invitation: the old link stops working at once, the status stays.
 * The new link is unclaimed; the old draft, sealed under the old token, is deleted.
 */
export function reissueInvitation(
  db: Db,
  id: string,
  token: { tokenNonce: string; tokenHash: string; shortCodeHash: string },
) {
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('invitation')
      .set({
        ...token,
        claimHash: null,
        resumeHash: null,
        claimFailures: 0,
        claimLockedUntil: null,
      })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('draft').where('invitationId', '=', id).execute();
  });
}

/** Revokes a link: its status, the event, and its draft gone. */
export function revokeInvitation(db: Db, id: string, now: string) {
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('invitation')
      .set({ status: 'revoked', revokedAt: now })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('invitationEvent')
      .values({ invitationId: id, status: 'revoked', at: now })
      .execute();
    await trx.deleteFrom('draft').where('invitationId', '=', id).execute();
  });
}

export function insertReminder(db: Db, reminder: Insertable<ReminderTable>) {
  return db.insertInto('reminder').values(reminder).execute();
}

/** Many reminders in one transaction, 400 rows a statement. */
export function insertReminders(db: Db, reminders: Insertable<ReminderTable>[]) {
  return inTransaction(db, async (trx) => {
    for (let i = 0; i < reminders.length; i += 400) {
      await trx
        .insertInto('reminder')
        .values(reminders.slice(i, i + 400))
        .execute();
    }
  });
}
