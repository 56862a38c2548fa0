import type { Role } from '../types';

/** An account as GET/POST /api/users and PATCH /api/users/{uid} answer (server/auth/admin-routes.ts). */
export interface Account {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
}

/** One line of GET /api/audit: newest first. `details` is JSON text (never answers or tokens). */
export interface AuditRow {
  id: number;
  at: string;
  userId: string | null;
  userEmail: string | null;
  action: string;
  campaignId: string | null;
  target: string | null;
  details: string | null;
  ip: string | null;
}

/** GET /api/campaigns/{id} → personalData (server/campaigns/purge.ts); absent on older servers. */
export interface PersonalData {
  purgedAt: string | null;
  purgeDueAt: string | null;
  purgeAllowed: boolean;
}
