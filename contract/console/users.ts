import { z } from 'zod';

/** Staff accounts (`/api/users`, admins only). */

export const ROLES = ['admin', 'officer', 'analyst'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const NewUserBody = z.object({
  email: z.string().max(200),
  name: z.string().trim().min(1).max(200),
  role: Role,
  password: z.string().max(200),
});
export type NewUserBody = z.infer<typeof NewUserBody>;

export const UserPatch = z
  .object({ name: z.string().trim().min(1).max(200), role: Role, disabled: z.boolean() })
  .partial();
export type UserPatch = z.infer<typeof UserPatch>;
