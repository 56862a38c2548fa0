import { z } from 'zod';

/**
 * What the SIPAS analysis routes send and take (issue #14.4–6, docs/method.md §19): the days
 * table with its flags, SIPAS runs, paper entry, the sample size and the link into the PAR total.
 */

/** `GET /api/sample-size?N=&e=`. */
export const SampleSize = z.object({
  N: z.number().int(),
  e: z.string(),
  /** N / (1 + N·e²), rounded up. */
  n: z.number().int(),
});
export type SampleSize = z.infer<typeof SampleSize>;

export const SipasFlag = z.enum(['burst', 'full_day', 'repeats', 'outside_hours']);
export type SipasFlag = z.infer<typeof SipasFlag>;

export const PointDay = z.strictObject({
  pointId: z.string().min(1).max(64),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD'),
});
export type PointDay = z.infer<typeof PointDay>;

export const SipasDayRow = z.object({
  pointId: z.string(),
  day: z.string(),
  flags: z.array(SipasFlag),
  /** Null when the day has fewer forms than the small-group threshold ("dưới k phiếu"). */
  figures: z
    .object({
      forms: z.number().int(),
      poster: z.number().int(),
      code: z.number().int(),
      paper: z.number().int(),
      /** Null while the campaign is open: no satisfaction figure before closing. */
      satisfiedPercent: z.string().nullable(),
      codePercent: z.string(),
    })
    .nullable(),
});
export type SipasDayRow = z.infer<typeof SipasDayRow>;

export const SipasPointRef = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
});
export type SipasPointRef = z.infer<typeof SipasPointRef>;

/** `GET /api/campaigns/:id/sipas/days`. */
export const SipasDays = z.object({
  minCellSize: z.number().int(),
  closed: z.boolean(),
  method: z.object({
    burst: z.object({ minutes: z.number(), answers: z.number() }),
    fullDay: z.object({ over: z.number() }),
    repeats: z.object({ share: z.string() }),
  }),
  points: z.array(SipasPointRef),
  days: z.array(SipasDayRow),
});
export type SipasDays = z.infer<typeof SipasDays>;

/** `POST /api/campaigns/:id/sipas/runs`: nothing left out and not a trial is the official run. */
export const NewSipasRun = z.strictObject({
  /** Leave out every point × day that has a flag when the run is made. */
  excludeFlagged: z.boolean().optional(),
  excludeDays: z.array(PointDay).max(5000).optional(),
  /** A trial is only looked at, never locked nor linked. */
  trial: z.boolean().optional(),
});
export type NewSipasRun = z.infer<typeof NewSipasRun>;

/** A unit's forms per channel; each channel null when the split is merged (one under k). */
const ShownCounts = z.object({
  poster: z.number().int().nullable(),
  code: z.number().int().nullable(),
  paper: z.number().int().nullable(),
  total: z.number().int(),
});

export const SipasUnitResult = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  /** Fewer than `method.minCellSize` forms counted: no figure at all ("dưới k phiếu"). */
  withheld: z.boolean(),
  /** Null when withheld. */
  forms: ShownCounts.nullable(),
  /** The unit index in percent, 2 decimals; null when withheld or nobody answered about it. */
  percent: z.string().nullable(),
  /** The exact index as a share of 1 ("31/72"): what the PAR link multiplies. */
  exact: z.string().nullable(),
  aspects: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      weight: z.string(),
      percent: z.string().nullable(),
      elements: z.array(
        z.object({
          id: z.string(),
          nValid: z.number().int(),
          nSatisfied: z.number().int(),
          percent: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type SipasUnitResult = z.infer<typeof SipasUnitResult>;

/** What a run states it read and left out. */
export const SipasRunMethod = z.object({
  definitionCode: z.string(),
  definitionVersion: z.number().int(),
  excludeFlagged: z.boolean(),
  /** The small-group threshold k the run applied to its units. */
  minCellSize: z.number().int(),
  /** Every point × day left out, with its flags when that is why. */
  excluded: z.array(PointDay.extend({ flags: z.array(SipasFlag) })),
  /**
   * The flagged point × days the run counted (an official run over every day counts them all),
   * so locking it can say so first. Absent on runs stored before it was kept.
   */
  flaggedIncluded: z.array(PointDay.extend({ flags: z.array(SipasFlag) })).optional(),
  /** The run's own words: what was included and what was left out. */
  text: z.string(),
});
export type SipasRunMethod = z.infer<typeof SipasRunMethod>;

export const SipasRunSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  official: z.boolean(),
  lockedAt: z.string().nullable(),
  fingerprint: z.string(),
  forms: z.number().int(),
  excludedDays: z.number().int(),
  /** The tallies are still those the run read. */
  current: z.boolean(),
});
export type SipasRunSummary = z.infer<typeof SipasRunSummary>;

/** A PAR campaign's field that takes its points from this run (docs/method.md §19.5). */
export const SipasRunLink = z.object({
  parCampaignId: z.string(),
  parCampaignName: z.string(),
  fieldCode: z.string(),
  maxPoints: z.string(),
  linkedAt: z.string(),
});
export type SipasRunLink = z.infer<typeof SipasRunLink>;

export const SipasRun = SipasRunSummary.extend({
  method: SipasRunMethod,
  units: z.array(SipasUnitResult),
  /**
   * The PAR campaigns' fields this run gives points to, among the campaigns the caller reaches
   * (`POST /api/campaigns/:parId/sipas-link`; undone by `DELETE …/sipas-link/:field`).
   */
  links: z.array(SipasRunLink),
});
export type SipasRun = z.infer<typeof SipasRun>;

export const SipasRunList = z.object({
  fingerprint: z.string(),
  runs: z.array(SipasRunSummary),
});
export type SipasRunList = z.infer<typeof SipasRunList>;

/** `POST /api/campaigns/:parId/sipas-link`. */
export const NewSipasLink = z.strictObject({
  /** A locked official run of a SIPAS campaign of the same organisation's reach. */
  runId: z.string().min(1).max(64),
  /** The PAR field whose points the SIPAS index gives (e.g. the field of satisfaction). */
  fieldCode: z.string().min(1).max(32),
  /** The field's maximum points, as a decimal ("10", "2.5"). */
  maxPoints: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,4})?$/, 'Điểm tối đa là số thập phân, ví dụ "10" hoặc "2.5"'),
});
export type NewSipasLink = z.infer<typeof NewSipasLink>;

export const SipasLinkView = z.object({
  parCampaignId: z.string(),
  sipasRunId: z.string(),
  sipasCampaignId: z.string(),
  fieldCode: z.string(),
  maxPoints: z.string(),
  linkedAt: z.string(),
});
export type SipasLinkView = z.infer<typeof SipasLinkView>;

export const SipasLinks = z.object({ links: z.array(SipasLinkView) });
export type SipasLinks = z.infer<typeof SipasLinks>;

const OptionCode = z.string().min(1).max(16);

/**
 * `GET /api/campaigns/:id/sipas/paper/serials/:serial`: a serial as written on the form, and
 * whether a form with it was entered already (asked before its boxes are typed).
 */
export const SipasSerialLookup = z.object({ serial: z.string(), entered: z.boolean() });
export type SipasSerialLookup = z.infer<typeof SipasSerialLookup>;

/** `POST /api/campaigns/:id/sipas/paper`: one paper form typed in, channel 'paper'. */
export const SipasPaperEntry = z.strictObject({
  /** The number written on the paper form, as the office numbers them ("HQ-0001"). */
  serial: z.string().min(1).max(40),
  /** The collection point the form was collected at. */
  pointId: z.string().min(1).max(64),
  /** question id → the option chosen, or the options of a multiple choice (as the public form). */
  answers: z
    .record(z.string().min(1).max(64), z.union([OptionCode, z.array(OptionCode).max(20)]))
    .refine((a) => Object.keys(a).length <= 200, { message: 'Tối đa 200 câu trả lời.' }),
  comment: z.string().max(4000).optional(),
});
export type SipasPaperEntry = z.infer<typeof SipasPaperEntry>;

export const SipasPaperReply = z.object({
  /** The serial as stored: upper case, without spaces or dashes. */
  serial: z.string(),
  pointId: z.string(),
});
export type SipasPaperReply = z.infer<typeof SipasPaperReply>;

const Choice = z.object({ code: z.string(), label: z.string() });

/** A SIPAS definition's questions as the paper form prints them and the console types them. */
export const SipasQuestions = z.object({
  title: z.string(),
  scales: z.array(
    z.object({ code: z.string(), options: z.array(Choice), noAnswer: Choice.optional() }),
  ),
  aspects: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      elements: z.array(z.object({ id: z.string(), text: z.string(), scale: z.string() })),
    }),
  ),
  perceptions: z.array(
    z.object({ id: z.string(), aspect: z.string(), text: z.string(), scale: z.string() }),
  ),
  choices: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      options: z.array(Choice),
      multiple: z.boolean(),
      max: z.number().int().optional(),
    }),
  ),
  comment: z.object({ text: z.string() }).nullable(),
});
export type SipasQuestions = z.infer<typeof SipasQuestions>;

/** Copies per print of SIPAS paper forms (each copy a fresh serial, `pagesPerForm` pages). */
export const MAX_SIPAS_PAPER_COPIES = 300;

/** `GET /api/campaigns/:id/sipas/paper`: what the office needs to print and type paper forms. */
export const SipasPaperDesk = z.object({
  questions: SipasQuestions,
  /** A4 pages one printed form runs to. */
  pagesPerForm: z.number().int(),
  maxCopies: z.number().int(),
  /** Paper forms entered in the campaign so far (printed serials and the office's own numbers). */
  entered: z.number().int(),
  /** Printed serials not entered yet. */
  waiting: z.number().int(),
  /** An official run is locked: its counts are published and no paper form may enter them. */
  locked: z.boolean(),
});
export type SipasPaperDesk = z.infer<typeof SipasPaperDesk>;
