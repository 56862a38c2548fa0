import type { AuditRow } from '../../contract/console/users';
import type { Db } from '../db/connect';
import { ROOT_ORGANISATION } from '../db/schema';

export interface AuditEntry {
  user?: { id: string; email: string; organisationId?: string } | null;
  /**
   * The organisation the row concerns, when it is neither the campaign's nor the account's (an
   * account made in a sub-organisation is that one's). Its admins and those above read the row.
   */
  organisationId?: string;
  action: string;
  campaignId?: string | null;
  target?: string | null;
  /** Never answers, never tokens, never passwords. */
  details?: Record<string, unknown> | null;
  ip?: string | null;
}

/** Whose the row is: the named organisation, else the campaign's, else the account's, else the root. */
async function organisationOf(db: Db, entry: AuditEntry): Promise<string> {
  if (entry.organisationId) return entry.organisationId;
  if (entry.campaignId) {
    const campaign = await db
      .selectFrom('campaign')
      .select('organisationId')
      .where('id', '=', entry.campaignId)
      .executeTakeFirst();
    if (campaign) return campaign.organisationId;
  }
  if (entry.user?.organisationId) return entry.user.organisationId;
  if (entry.user) {
    const user = await db
      .selectFrom('user')
      .select('organisationId')
      .where('id', '=', entry.user.id)
      .executeTakeFirst();
    if (user) return user.organisationId;
  }
  return ROOT_ORGANISATION;
}

/** Who did what, when: logins, imports, issuing, revoking, printing, edits, exports. */
export async function audit(db: Db, entry: AuditEntry, now = new Date()) {
  const organisationId = await organisationOf(db, entry);
  await db
    .insertInto('auditLog')
    .values({
      at: now.toISOString(),
      userId: entry.user?.id ?? null,
      userEmail: entry.user?.email ?? null,
      action: entry.action,
      campaignId: entry.campaignId ?? null,
      target: entry.target ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
      ip: entry.ip ?? null,
      organisationId,
    })
    .execute();
}

/** The newest rows first; with `organisations`, only the rows of those (an admin's subtree). */
export async function listAudit(
  db: Db,
  limit = 500,
  offset = 0,
  organisations?: readonly string[],
): Promise<Omit<AuditRow, 'targetName'>[]> {
  if (organisations?.length === 0) return [];
  let q = db
    .selectFrom('auditLog as a')
    .leftJoin('organisation as o', 'o.id', 'a.organisationId')
    .selectAll('a')
    .select('o.name as organisationName')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .offset(offset);
  if (organisations) q = q.where('a.organisationId', 'in', organisations);
  return q.execute();
}
