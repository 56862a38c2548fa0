import { z } from 'zod';
import { OrganisationRef } from './organisations';
import { Role } from './users';

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

/** The signed-in account: `POST /api/auth/login` and `GET /api/auth/me` answer it. */
export const Session = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: Role,
    /** Until the account chooses its own password, only that change (and sign-out) is allowed. */
    mustChangePassword: z.boolean(),
  }),
  /** The organisation the account belongs to: it reaches that one and those below it. */
  organisation: OrganisationRef,
  /** Sent back as the X-CSRF-Token header of every change. */
  csrfToken: z.string(),
  /**
   * Set when PUBLIC_URL is an address phones cannot reach (localhost): links and QR codes printed
   * now would be wasted. The console shows it on every page (issue #13.2).
   */
  publicUrlWarning: z.string().nullable(),
});
export type Session = z.infer<typeof Session>;
export type User = Session['user'];

/**
 * `GET /api/auth/me`, the console's session probe on every page load: 200 either way, so that
 * the sign-in page leaves no 401 in the browser's console (issue #13.16). Every other protected
 * call still answers 401 to a caller without a session.
 */
export const SignedOut = z.object({ signedIn: z.literal(false) });
export const Me = z.union([Session.extend({ signedIn: z.literal(true) }), SignedOut]);
export type Me = z.infer<typeof Me>;
