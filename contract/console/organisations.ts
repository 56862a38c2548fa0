import { z } from 'zod';

/**
 * Organisations (`/api/organisations`, issue #12): the offices of one deployment as a tree (the
 * Ministry → a province → a commune). An account reaches its organisation and those below it.
 */

/** An organisation as the console names it beside a campaign, an account or the signed-in user. */
export const OrganisationRef = z.object({ id: z.string(), name: z.string() });
export type OrganisationRef = z.infer<typeof OrganisationRef>;

/** One organisation of `GET /api/organisations` (the caller's subtree, its own first). */
export const Organisation = OrganisationRef.extend({
  /** null for the caller's own organisation's parent when it is out of reach, and for the root. */
  parentId: z.string().nullable(),
  /** The official code of the province or commune, when it is one. */
  officialCode: z.string().nullable(),
  /** What it is, in words ("tỉnh", "xã"…). */
  kind: z.string().nullable(),
  /** How far below the caller's organisation (0: its own). */
  depth: z.number().int(),
  /**
   * The 2026 province it is in ("75"): its own official code when a province, its commune's
   * province, else its nearest ancestor's; null for none (the whole system, a 2023 district).
   * A new campaign starts from that province's units.
   */
  provinceCode: z.string().nullable(),
});
export type Organisation = z.infer<typeof Organisation>;

/** `POST /api/organisations`: a sub-organisation of the caller's, or of one below it. */
export const NewOrganisationBody = z.object({
  name: z.string().trim().min(1).max(200),
  /** Under which organisation; the caller's own when absent. */
  parentId: z.string().max(100).optional(),
  officialCode: z.string().trim().max(20).nullable().optional(),
  kind: z.string().trim().max(60).nullable().optional(),
});
export type NewOrganisationBody = z.input<typeof NewOrganisationBody>;

/** `PATCH /api/organisations/{id}`: a new name for an organisation within the caller's reach. */
export const OrganisationPatch = z.object({ name: z.string().trim().min(1).max(200) });
export type OrganisationPatch = z.input<typeof OrganisationPatch>;

/**
 * `POST /api/users/{uid}/move` and `POST /api/campaigns/{id}/move`: the organisation an account or
 * a campaign now belongs to, within the admin's reach.
 */
export const MoveBody = z.object({ organisationId: z.string().min(1).max(100) });
export type MoveBody = z.input<typeof MoveBody>;
