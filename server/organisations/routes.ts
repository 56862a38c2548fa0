import { Hono } from 'hono';
import {
  NewOrganisationBody,
  type Organisation,
  OrganisationPatch,
} from '../../contract/console/organisations';
import { audit } from '../audit/log';
import { type AuthEnv, currentUser, requireRole } from '../auth/middleware';
import type { Db } from '../db/connect';
import { readJson } from '../http';
import { renameOrganisation } from './move';
import { provinceOf, provincesOf } from './province';
import { subtree } from './queries';
import { addOrganisation, reachableOrganisation } from './service';

/** An organisation row as the API answers it; its parent hidden when out of the caller's reach. */
const present = (
  o: {
    id: string;
    name: string;
    parentId: string | null;
    officialCode: string | null;
    kind: string | null;
  },
  depth: number,
  provinceCode: string | null,
): Organisation => ({
  id: o.id,
  name: o.name,
  parentId: depth === 0 ? null : o.parentId,
  officialCode: o.officialCode,
  kind: o.kind,
  depth,
  provinceCode,
});

/**
 * `/api/organisations` (issue #12): every role reads its organisation's subtree (the console's
 * filter by child); an admin adds a sub-organisation under its own or any below it, and renames
 * any of them.
 */
export function organisationRoutes(db: Db) {
  const app = new Hono<AuthEnv>();

  app.get('/', requireRole('admin', 'officer', 'analyst'), async (c) => {
    const rows = await subtree(db, currentUser(c).organisationId);
    rows.sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'vi'));
    const provinces = await provincesOf(db, currentUser(c).organisationId, rows);
    return c.json(rows.map((o) => present(o, o.depth, provinces.get(o.id) ?? null)));
  });

  app.post('/', requireRole('admin'), async (c) => {
    const me = currentUser(c);
    const body = await readJson(c.req.raw, NewOrganisationBody);
    const parent = await reachableOrganisation(
      db,
      body.parentId ?? me.organisationId,
      me.organisationId,
    );
    const org = await addOrganisation(db, {
      name: body.name,
      parentId: parent.id,
      officialCode: body.officialCode ?? null,
      kind: body.kind ?? null,
    });
    await audit(db, {
      user: me,
      action: 'organisation_added',
      target: org.name,
      details: { parent: parent.name },
      organisationId: org.id,
      ip: c.get('ip'),
    });
    const depth = (await subtree(db, me.organisationId)).find((o) => o.id === org.id)?.depth ?? 1;
    return c.json(present(org, depth, await provinceOf(db, org.id)), 201);
  });

  // A new name for the admin's own organisation or one below it (out of reach: 422, as above).
  app.patch('/:oid', requireRole('admin'), async (c) => {
    const me = currentUser(c);
    const org = await reachableOrganisation(db, c.req.param('oid'), me.organisationId);
    const body = await readJson(c.req.raw, OrganisationPatch);
    const renamed = await renameOrganisation(db, org, body.name);
    await audit(db, {
      user: me,
      action: 'organisation_renamed',
      target: renamed.name,
      details: { from: org.name, to: renamed.name },
      organisationId: org.id,
      ip: c.get('ip'),
    });
    const depth = (await subtree(db, me.organisationId)).find((o) => o.id === org.id)?.depth ?? 0;
    return c.json(present(renamed, depth, await provinceOf(db, org.id)));
  });

  return app;
}
