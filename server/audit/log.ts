import type { AuditRow } from '../../contract/console/users';
import type { Db } from '../db/connect';

export interface AuditEntry {
  user?: { id: string; email: string } | null;
  action: string;
  campaignId?: string | null;
  target?: string | null;
  /** Never answers, never tokens, never passwords. */
  details?: Record<string, unknown> | null;
  ip?: string | null;
}

/** Who did what, when: logins, imports, issuing, revoking, printing, edits, exports. */
export async function audit(db: Db, entry: AuditEntry, now = new Date()) {
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
    })
    .execute();
}

export function listAudit(db: Db, limit = 500, offset = 0): Promise<AuditRow[]> {
  return db
    .selectFrom('auditLog')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}
