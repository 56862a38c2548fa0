export type { PersonalData } from '../../../contract/console/campaigns';
export type { Account, AuditRow } from '../../../contract/console/users';
