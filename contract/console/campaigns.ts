import { z } from 'zod';
import { Definition } from '../../questionnaires/schema';
import { OrganisationRef } from './organisations';

/** Campaigns (`/api/campaigns`, `/api/campaigns/:id`) and their definition. */

const IsoTime = z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString());
const Contact = {
  contactName: z.string().trim().max(200).nullable().optional(),
  contactPhone: z.string().trim().max(40).nullable().optional(),
};

/**
 * The built-in starting points of a new campaign: `district_2023` the Hớn Quản 2023 definition
 * and units (a district's offices, communes and town), `province_2026` the 2026 province
 * definition with a province's departments and agencies and all its communes (issue #11).
 */
export const CampaignTemplate = z.enum(['district_2023', 'province_2026']);
export type CampaignTemplate = z.infer<typeof CampaignTemplate>;

/**
 * `par` the PAR survey (roster, personal links, slips, PAR scoring); `sipas` citizens'
 * satisfaction (SIPAS, issue #14): public, no roster, collection points with posters and
 * one-time codes, the built-in SIPAS definition.
 */
export const CampaignKind = z.enum(['par', 'sipas']);
export type CampaignKind = z.infer<typeof CampaignKind>;

export const NewCampaignBody = z
  .object({
    name: z.string().trim().min(1).max(300),
    /** `par` when absent. A SIPAS campaign takes its units from `template`/`copyOf` as usual. */
    kind: CampaignKind.optional(),
    /** Copy the definition and units of an earlier campaign (then no `template`). */
    copyOf: z.string().optional(),
    /** Which built-in definition and units; `district_2023` when absent. */
    template: CampaignTemplate.optional(),
    /** With `province_2026`: the province's official code, one of the 34 ("75"). */
    provinceCode: z.string().trim().max(10).optional(),
    opensAt: IsoTime.nullable().optional(),
    closesAt: IsoTime.nullable().optional(),
    ...Contact,
    targetRate: z.number().int().min(1).max(100).nullable().optional(),
    /** The organisation it belongs to: the creator's (when absent) or one below it. */
    organisationId: z.string().max(100).optional(),
    /**
     * A start time already past opens the campaign at once and fixes its questionnaire: refused
     * (409 `opens_in_past`) unless the caller confirms with `openNow: true` (issue #13.14).
     */
    openNow: z.boolean().optional(),
  })
  .refine((b) => !(b.copyOf && b.template), {
    path: ['template'],
    message: 'Chọn một mẫu (template) hoặc sao chép đợt trước (copyOf), không cả hai.',
  })
  .refine((b) => b.provinceCode === undefined || b.template === 'province_2026', {
    path: ['provinceCode'],
    message: 'Mã tỉnh (provinceCode) chỉ dùng với mẫu cấp tỉnh (template: province_2026).',
  });
export type NewCampaignBody = z.input<typeof NewCampaignBody>;

export const CampaignPatch = z
  .object({
    name: z.string().trim().min(1).max(300),
    opensAt: IsoTime.nullable(),
    closesAt: IsoTime.nullable(),
    ...Contact,
    targetRate: z.number().int().min(1).max(100).nullable(),
    /** Confirms a new start time already past: the campaign opens at once (409 `opens_in_past`). */
    openNow: z.boolean(),
  })
  .partial();
export type CampaignPatch = z.input<typeof CampaignPatch>;

/**
 * `POST /api/campaigns/:id/open`, body optional: `closesAt` sets the end at the same time (a
 * reopening otherwise has none until one is set); null says there is none. A time already past:
 * 422 `invalid_dates`.
 */
export const OpenCampaignBody = z.object({ closesAt: IsoTime.nullable().optional() }).strict();
export type OpenCampaignBody = z.input<typeof OpenCampaignBody>;

/** `PUT /api/campaigns/:id/definition`: the definition is checked by `loadDefinition`. */
export const DefinitionBody = z.object({ definition: z.unknown() });

export const Phase = z.enum(['not_open', 'open', 'closed']);
export type Phase = z.infer<typeof Phase>;

/** A campaign as `GET|POST /api/campaigns`, `PATCH /api/campaigns/:id`, `…/open|close` answer it. */
export const Campaign = z.object({
  id: z.string(),
  name: z.string(),
  kind: CampaignKind,
  phase: Phase,
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  targetRate: z.number().nullable(),
  definition: z
    .object({ code: z.string(), version: z.number().int(), name: z.string() })
    .nullable(),
  counts: z.object({ invited: z.number().int(), submitted: z.number().int() }),
  /** The organisation it belongs to (issue #12). */
  organisation: OrganisationRef,
  /** When the closed campaign was archived (hidden from the default list); null if not. */
  archivedAt: z.string().nullable(),
});
export type Campaign = z.infer<typeof Campaign>;

/** One period the campaign was open: the first opening, then each reopening (issue #13.14). */
export const Opening = z.object({ openedAt: z.string(), closedAt: z.string().nullable() });
export type Opening = z.infer<typeof Opening>;

/** `DELETE /api/campaigns/:id`: what went with it. */
export const DeletedCampaign = z.object({
  id: z.string(),
  forms: z.number().int(),
  people: z.number().int(),
});
export type DeletedCampaign = z.infer<typeof DeletedCampaign>;

export const GroupInfo = z.object({
  code: z.string(),
  name: z.string(),
  questionnaires: z.array(z.string()),
  unitRequired: z.boolean(),
});
export type GroupInfo = z.infer<typeof GroupInfo>;

export const UnitInfo = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  parentCode: z.string().nullable(),
  /** The General Statistics Office's code, when the unit has one ("25345"). */
  officialCode: z.string().nullable(),
  /** The former district the unit came from ("Huyện Hớn Quản (cũ)"), when known. */
  area: z.string().nullable(),
});
export type UnitInfo = z.infer<typeof UnitInfo>;

/** Whether the roster's personal data is due for erasure (server/campaigns/purge.ts). */
export const PersonalData = z.object({
  purgedAt: z.string().nullable(),
  purgeDueAt: z.string().nullable(),
  purgeAllowed: z.boolean(),
});
export type PersonalData = z.infer<typeof PersonalData>;

/** `GET /api/campaigns/:id` adds the groups, the units and the personal data's state. */
export const CampaignDetail = Campaign.extend({
  groups: z.array(GroupInfo).optional(),
  units: z.array(UnitInfo).optional(),
  personalData: PersonalData.optional(),
  /**
   * Paper stubs received whose answer sheets are not typed yet: they may still be entered after
   * closing, until the official results are locked (the close dialog says how many).
   */
  paperWaiting: z.number().int().optional(),
  /** Every period it was open, first to last: reopening never overwrites the first opening. */
  openings: z.array(Opening).optional(),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

/** `POST /api/campaigns/:id/purge-personal-data`: how many respondents were erased. */
export const PurgeResult = PersonalData.extend({ purged: z.number().int() });
export type PurgeResult = z.infer<typeof PurgeResult>;

/** `GET|PUT /api/campaigns/:id/definition`: the definition and whether it can still be edited. */
export const DefinitionReply = z.object({ editable: z.boolean(), definition: Definition });
export type DefinitionReply = z.infer<typeof DefinitionReply>;

/** `POST /api/campaigns/:id/units`: the new unit set and how many units it holds. */
export const UnitImportResult = z.object({
  unitSetId: z.string(),
  code: z.string(),
  units: z.number().int(),
});
export type UnitImportResult = z.infer<typeof UnitImportResult>;

/** How many commune-level units a province has, by kind. */
export const CommuneCounts = z.object({
  total: z.number().int(),
  xa: z.number().int(),
  phuong: z.number().int(),
  dac_khu: z.number().int(),
});
export type CommuneCounts = z.infer<typeof CommuneCounts>;

/** `GET /api/provinces`: the 34 provinces and cities since 1 July 2025, by official code. */
export const ProvinceInfo = z.object({
  /** The official code ("75"), what `POST /api/campaigns` takes as `provinceCode`. */
  code: z.string(),
  /** "Tỉnh Đồng Nai", "Thành phố Hà Nội". */
  name: z.string(),
  communes: CommuneCounts,
});
export type ProvinceInfo = z.infer<typeof ProvinceInfo>;
