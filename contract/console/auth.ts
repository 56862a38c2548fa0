import { z } from 'zod';

/** Sign-in and the account's own password (`/api/auth/*`). */

const Proof = z.object({ challenge: z.string().max(300), nonce: z.string().max(64) });
export const Login = z.object({
  email: z.string().min(1).max(200),
  password: z.string().min(1).max(200),
  /** Only after a 429 `proof_required`: the solved challenge. */
  proof: Proof.optional(),
});
export type Login = z.infer<typeof Login>;

export const PasswordChange = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export type PasswordChange = z.infer<typeof PasswordChange>;
