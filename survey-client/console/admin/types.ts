export type { PersonalData } from '../../../contract/console/campaigns';
export type { Account, AuditRow, PasswordReset } from '../../../contract/console/users';
