import type { Config } from '../config';
import { type Db, inTransaction } from '../db/connect';
import type { InvitationStatus } from '../db/schema';
import { linkToken, randomId, shortCode, shortCodeHash, tokenHash } from '../secrets';
import { listInvitations } from './queries';

export interface NewPerson {
  name: string;
  groupCode: string;
  unitCode?: string | null;
  workplace?: string | null;
  position?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** The personal link of an invitation: `PUBLIC_URL/s/<token>`. */
export function linkFor(config: Pick<Config, 'publicUrl' | 'secret'>, tokenNonce: string): string {
  return `${config.publicUrl}/s/${linkToken(config.secret, tokenNonce)}`;
}

/** A fresh nonce and the hashes under which the link and its short code will find it. */
export function newToken(secret: string) {
  const tokenNonce = randomId();
  return {
    tokenNonce,
    tokenHash: tokenHash(linkToken(secret, tokenNonce)),
    shortCodeHash: shortCodeHash(secret, shortCode(secret, tokenNonce)),
  };
}

/** SQLite binds at most 32,766 parameters per statement; 400 rows × 14 columns stays well under. */
const CHUNK = 400;

/** A person as stored: every column given (null when unknown). */
export type StoredPerson = Required<NewPerson>;

/**
 * Adds people with their invitations (one link, one draft, one submission each) in multi-row
 * statements: 50,000 people are 250 statements instead of 100,000. Call inside a transaction;
 * callers validate groups and units first.
 */
export async function insertPeople(
  db: Db,
  secret: string,
  campaignId: string,
  people: StoredPerson[],
  now = new Date().toISOString(),
): Promise<{ respondentId: string; invitationId: string }[]> {
  const rows = people.map((p) => ({
    respondent: { id: randomId(), campaignId, ...p, createdAt: now },
    invitation: { id: randomId(), ...newToken(secret) },
  }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await db
      .insertInto('respondent')
      .values(part.map((r) => r.respondent))
      .execute();
    await db
      .insertInto('invitation')
      .values(
        part.map((r) => ({
          ...r.invitation,
          campaignId,
          respondentId: r.respondent.id,
          status: 'not_opened' as const,
          openedAt: null,
          startedAt: null,
          submittedAt: null,
          revokedAt: null,
          receipt: null,
          submitHash: null,
          createdAt: now,
        })),
      )
      .execute();
  }
  return rows.map((r) => ({ respondentId: r.respondent.id, invitationId: r.invitation.id }));
}

/** Adds people to a campaign's roster, each with an invitation, all or nothing (the demo, tests). */
export function addRespondents(db: Db, secret: string, campaignId: string, people: NewPerson[]) {
  const stored = people.map((p) => ({
    name: p.name.normalize('NFC').trim(),
    groupCode: p.groupCode,
    unitCode: p.unitCode ?? null,
    workplace: p.workplace ?? null,
    position: p.position ?? null,
    phone: p.phone ?? null,
    email: p.email ?? null,
  }));
  return inTransaction(db, (trx) => insertPeople(trx, secret, campaignId, stored));
}

export interface LinkRow {
  id: string;
  name: string;
  group: string;
  group_code: string;
  unit: string;
  status: InvitationStatus;
  link: string;
}

/** One row per invitation, sorted by unit then name, as the contract's `links` command prints. */
export async function listLinks(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'secret'>,
  campaignId: string,
  groupNames: Map<string, string>,
): Promise<LinkRow[]> {
  const rows = await listInvitations(db, campaignId);
  // listInvitations sorts them by unit, then name.
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    group: groupNames.get(r.groupCode) ?? r.groupCode,
    group_code: r.groupCode,
    unit: r.unitName ?? r.workplace ?? '',
    status: r.status,
    link: linkFor(config, r.tokenNonce),
  }));
}
