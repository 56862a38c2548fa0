import type { AuditEntry } from '../audit/log';
import type { SessionUser } from '../auth/session';
import { ROOT_ORGANISATION } from '../db/schema';

/**
 * Who makes, locks or links a SIPAS run: an account signed in to the console (its organisation's
 * subtree in reach), or the command line (`cli sipas …`: run on the server, the whole tree in
 * reach, as the PAR `results` command), recorded as `createdBy` null and audited `via: cli`.
 */
export type SipasActor = { user: SessionUser; ip: string } | 'cli';

/** The account id a row records; null from the command line. */
export const actorId = (actor: SipasActor): string | null =>
  actor === 'cli' ? null : actor.user.id;

/** The organisation whose subtree the actor reaches. */
export const actorReach = (actor: SipasActor): string =>
  actor === 'cli' ? ROOT_ORGANISATION : actor.user.organisationId;

/** The audit line's who and from where, with its details. */
export function auditedBy(
  actor: SipasActor,
  details?: Record<string, unknown>,
): Pick<AuditEntry, 'user' | 'ip' | 'details'> {
  if (actor === 'cli') return { details: { ...details, via: 'cli' } };
  return { user: actor.user, ip: actor.ip, ...(details ? { details } : {}) };
}
