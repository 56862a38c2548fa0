export type { Account, AuditRow } from '../../../contract/console/users';

/** GET /api/campaigns/{id} → personalData (server/campaigns/purge.ts); absent on older servers. */
export interface PersonalData {
  purgedAt: string | null;
  purgeDueAt: string | null;
  purgeAllowed: boolean;
}
