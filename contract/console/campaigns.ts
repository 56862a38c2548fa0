import { z } from 'zod';

/** Campaigns (`/api/campaigns`, `/api/campaigns/:id`) and their definition. */

const IsoTime = z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString());
const Contact = {
  contactName: z.string().trim().max(200).nullable().optional(),
  contactPhone: z.string().trim().max(40).nullable().optional(),
};

export const NewCampaignBody = z.object({
  name: z.string().trim().min(1).max(300),
  /** Copy the definition and units of an earlier campaign; by default the built-in Hớn Quản 2023. */
  copyOf: z.string().optional(),
  opensAt: IsoTime.nullable().optional(),
  closesAt: IsoTime.nullable().optional(),
  ...Contact,
  targetRate: z.number().int().min(1).max(100).nullable().optional(),
});
export type NewCampaignBody = z.input<typeof NewCampaignBody>;

export const CampaignPatch = z
  .object({
    name: z.string().trim().min(1).max(300),
    opensAt: IsoTime.nullable(),
    closesAt: IsoTime.nullable(),
    ...Contact,
    targetRate: z.number().int().min(1).max(100).nullable(),
  })
  .partial();
export type CampaignPatch = z.input<typeof CampaignPatch>;

/** `PUT /api/campaigns/:id/definition`: the definition is checked by `loadDefinition`. */
export const DefinitionBody = z.object({ definition: z.unknown() });
