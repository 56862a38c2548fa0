import type { Db } from '../db/connect';
import type { Organisation } from '../db/schema';
import { ApiError } from '../errors';
import { randomId } from '../secrets';
import { findOrganisation, insertOrganisation, isWithin } from './queries';

/**
 * An organisation named in a body (a new campaign's, a new account's, a new organisation's
 * parent), if it is `within` the caller's subtree. One that does not exist and one out of reach
 * answer the same 422 `unknown_organisation`: a guessed id tells nothing.
 */
export async function reachableOrganisation(
  db: Db,
  id: string,
  within: string,
): Promise<Organisation> {
  const org = await findOrganisation(db, id);
  if (!org || !(await isWithin(db, org.id, within))) {
    throw new ApiError(
      422,
      'unknown_organisation',
      'Không có tổ chức này trong phạm vi tài khoản của Ông/Bà.',
    );
  }
  return org;
}

export interface NewOrganisation {
  name: string;
  parentId: string;
  officialCode?: string | null;
  kind?: string | null;
}

/** Adds an organisation under `parentId` (which the caller has checked); its names NFC. */
export async function addOrganisation(db: Db, input: NewOrganisation): Promise<Organisation> {
  const name = input.name.normalize('NFC').trim();
  if (!name) throw new ApiError(422, 'invalid_name', 'Hãy nhập tên tổ chức.');
  if (!(await findOrganisation(db, input.parentId))) {
    throw new ApiError(422, 'unknown_organisation', `Không có tổ chức "${input.parentId}".`);
  }
  const org: Organisation = {
    // Never starting with "-": the CLI reads it after --parent and --org.
    id: `org-${randomId()}`,
    name,
    parentId: input.parentId,
    officialCode: input.officialCode?.trim() || null,
    kind: input.kind?.normalize('NFC').trim() || null,
    createdAt: new Date().toISOString(),
  };
  await insertOrganisation(db, org);
  return org;
}
