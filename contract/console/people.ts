import { z } from 'zod';

/** One person of the roster added or edited by hand (`/api/campaigns/:id/respondents`). */
const text = z.string().max(1000);
const Fields = {
  unitCode: text.nullable().optional(),
  workplace: text.nullable().optional(),
  position: text.nullable().optional(),
  phone: text.nullable().optional(),
  email: text.nullable().optional(),
};
/** `POST /api/campaigns/:id/respondents`: one person added by hand. */
export const NewPerson = z.object({ name: text, groupCode: text, ...Fields });
export type NewPerson = z.infer<typeof NewPerson>;
/** `PATCH /api/campaigns/:id/respondents/:respondentId`: the fields to change. */
export const PersonPatch = z.object({
  name: text.optional(),
  groupCode: text.optional(),
  ...Fields,
});
export type PersonPatch = z.infer<typeof PersonPatch>;
