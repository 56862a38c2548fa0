import { z } from 'zod';
import { OrganisationRef } from './organisations';

/** Staff accounts (`/api/users`, admins only). */

export const ROLES = ['admin', 'officer', 'analyst'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const NewUserBody = z.object({
  email: z.string().max(200),
  name: z.string().trim().min(1).max(200),
  role: Role,
  password: z.string().max(200),
  /** The organisation it belongs to: the admin's own (when absent) or one below it. */
  organisationId: z.string().max(100).optional(),
});
export type NewUserBody = z.infer<typeof NewUserBody>;

export const UserPatch = z
  .object({ name: z.string().trim().min(1).max(200), role: Role, disabled: z.boolean() })
  .partial();
export type UserPatch = z.infer<typeof UserPatch>;

/** An account as `GET|POST /api/users` and `PATCH /api/users/{uid}` answer it. */
export const Account = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  createdAt: z.string(),
  disabled: z.boolean(),
  /** The account still signs in with a password someone else set (a reset, the first admin). */
  mustChangePassword: z.boolean(),
  /** The organisation it belongs to (issue #12). */
  organisation: OrganisationRef,
});
export type Account = z.infer<typeof Account>;

/** `POST /api/users/{uid}/reset-password`: the one-time password, shown once, never stored. */
export const PasswordReset = z.object({ oneTimePassword: z.string() });
export type PasswordReset = z.infer<typeof PasswordReset>;

/** One line of `GET /api/audit`, newest first. `details` is JSON text (never answers or tokens). */
export const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  userEmail: z.string().nullable(),
  action: z.string(),
  campaignId: z.string().nullable(),
  target: z.string().nullable(),
  /**
   * What an id `target` stands for, in words: a collection point's name, a run's time, the
   * person of an invitation or roster row; null when the target reads already or is gone.
   */
  targetName: z.string().nullable(),
  details: z.string().nullable(),
  ip: z.string().nullable(),
  /** The organisation the row concerns (issue #12): an admin reads its subtree's rows only. */
  organisationId: z.string(),
  organisationName: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRow>;
