import { Hono } from 'hono';
import { NewPerson, PersonPatch } from '../../contract/console/people';
import type { PersonReply, Removed } from '../../contract/console/roster-schema';
import { currentUser, requireRole } from '../auth/middleware';
import type { CampaignEnv } from '../campaigns/scope';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { readJson, readPatch } from '../http';
import { addPerson, editPerson, removePerson } from './manual';

/** Adding, editing and removing one respondent by hand (staff). */
export function manualRosterRoutes(db: Db, config: Pick<Config, 'secret'>) {
  const app = new Hono<CampaignEnv>();
  const staff = requireRole('admin', 'officer');
  app.post('/:id/respondents', staff, async (c) => {
    const body = await readJson(c.req.raw, NewPerson);
    const result = await addPerson(db, config.secret, c.get('campaign'), body, currentUser(c));
    return c.json(result satisfies PersonReply, 201);
  });
  app.patch('/:id/respondents/:respondentId', staff, async (c) => {
    const body = await readPatch(c.req.raw, PersonPatch);
    const person = await editPerson(
      db,
      c.get('campaign'),
      c.req.param('respondentId'),
      body,
      currentUser(c),
    );
    return c.json({ respondentId: c.req.param('respondentId'), person } satisfies PersonReply);
  });
  app.delete('/:id/respondents/:respondentId', staff, async (c) => {
    await removePerson(db, c.get('campaign'), c.req.param('respondentId'), currentUser(c));
    return c.json({ ok: true } satisfies Removed);
  });
  return app;
}
