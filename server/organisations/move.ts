import type { Db } from '../db/connect';
import type { Organisation } from '../db/schema';
import { ApiError } from '../errors';
import { findOrganisation } from './queries';

/**
 * Changes to the tree after it is made (issue #12): an organisation renamed, an account or a
 * campaign moved to another organisation. The callers decide reach (`reachableOrganisation`) and
 * audit; these only write. A move changes what an account reaches, or who reaches a campaign, at
 * the next request: nothing is cached.
 */

/** The new name, NFC and trimmed; 422 `invalid_name` when nothing is left. */
export async function renameOrganisation(
  db: Db,
  org: Organisation,
  name: string,
): Promise<Organisation> {
  const clean = name.normalize('NFC').trim();
  if (!clean) throw new ApiError(422, 'invalid_name', 'Hãy nhập tên tổ chức.');
  await db.updateTable('organisation').set({ name: clean }).where('id', '=', org.id).execute();
  return { ...org, name: clean };
}

export async function moveUser(db: Db, userId: string, organisationId: string): Promise<void> {
  await db.updateTable('user').set({ organisationId }).where('id', '=', userId).execute();
}

export async function moveCampaign(
  db: Db,
  campaignId: string,
  organisationId: string,
): Promise<void> {
  await db.updateTable('campaign').set({ organisationId }).where('id', '=', campaignId).execute();
}

/** An organisation's name for the audit's "from", '' when it no longer exists. */
export async function organisationName(db: Db, id: string): Promise<string> {
  return (await findOrganisation(db, id))?.name ?? '';
}
