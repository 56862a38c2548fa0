import { z } from 'zod';

/**
 * The format of an index definition: everything legal about the survey is data, never code
 * (docs/method.md §2). A definition is versioned; a campaign pins the version it opened with.
 */

const Code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang');
const Text = z.string().trim().min(1, 'Không được để trống');

/** Points are decimal strings ("1.00", "0.5") so that budgets add up exactly. */
export const Points = z
  .string()
  .regex(/^\d{1,4}(\.\d{1,4})?$/, 'Điểm phải là số thập phân, ví dụ "1.00"');
/** A coefficient is a decimal ("0.60") or a fraction ("2/3"): never a binary float. */
export const Coefficient = z
  .string()
  .regex(
    /^(\d+(\.\d+)?|\d+\/[1-9]\d*)$/,
    'Hệ số phải là số thập phân hoặc phân số, ví dụ "0.60" hoặc "2/3"',
  );

/** The four graded options, best first. E ("Không biết/Không trả lời") is always offered. */
export const GRADED_OPTIONS = ['A', 'B', 'C', 'D'] as const;
export const DONT_KNOW = 'E';
export const OPTION_CODES = [...GRADED_OPTIONS, DONT_KNOW] as const;
export type OptionCode = (typeof OPTION_CODES)[number];

const PerOption = <T extends z.ZodType>(t: T) => z.object({ A: t, B: t, C: t, D: t });

export const Criterion = z.object({ code: Code, name: Text, maxPoints: Points });
export type Criterion = z.infer<typeof Criterion>;

export const Field = z.object({
  code: Code,
  name: Text,
  criteria: z.array(Criterion).min(1),
  /**
   * The field's maximum in the appraised self-assessment, where the office's method states it
   * (docs/method.md §2.1): the import refuses more, and a SIPAS link may give the field no more.
   * The fields' maxima add up to at most 100 − the index's survey budget.
   */
  selfAssessmentMax: Points.optional(),
});
export type Field = z.infer<typeof Field>;

export const IndexDefinition = z.object({
  code: Code,
  name: Text,
  /** Kinds of unit (from the campaign's unit set) that this index rates. */
  unitKinds: z.array(Code).min(1),
  /** Maximum survey points of the index; the criteria's maxima must add up to it. */
  budget: Points,
  fields: z.array(Field).min(1),
});
export type IndexDefinition = z.infer<typeof IndexDefinition>;

export const ScaleProfile = z.object({
  code: Code,
  name: Text,
  coefficients: PerOption(Coefficient),
});
export type ScaleProfile = z.infer<typeof ScaleProfile>;

export const LabelSet = z.object({ code: Code, name: Text.optional(), labels: PerOption(Text) });
export type LabelSet = z.infer<typeof LabelSet>;

export const Question = z.object({
  id: Code,
  text: Text,
  criterion: Code,
  labelSet: Code,
});
export type Question = z.infer<typeof Question>;

export const Questionnaire = z.object({
  id: Code,
  title: Text,
  intro: Text,
  /** The index whose criteria the questions score; its units are the ones evaluated. */
  index: Code,
  /** `single`: the index has one unit; `matrix`: every question is asked about every unit. */
  mode: z.enum(['single', 'matrix']),
  questions: z.array(Question).min(1),
  /** The open, unscored question at the end. */
  comment: z.object({ text: Text }).nullable(),
  /** Whether the optional demographic questions are asked with this questionnaire. */
  demographics: z.boolean(),
});
export type Questionnaire = z.infer<typeof Questionnaire>;

export const Group = z.object({
  code: Code,
  name: Text,
  /** Other ways offices write the group in their rosters. */
  aliases: z.array(Text).default([]),
  questionnaires: z.array(Code),
  /** Whether the respondent's workplace must be one of the units (leaders, civil servants). */
  unitRequired: z.boolean(),
});
export type Group = z.infer<typeof Group>;

export const Demographic = z.object({ key: Code, label: Text, options: z.array(Text).min(2) });
export type Demographic = z.infer<typeof Demographic>;

export const Method = z.object({
  scaleProfile: Code,
  weighting: z.enum(['EQUAL_GROUP', 'POOLED']),
  /** Per-group weights for EQUAL_GROUP; a group not listed weighs 1. */
  groupWeights: z.record(z.string(), Coefficient).default({}),
  emptyCriterion: z.enum(['ZERO', 'RESCALE']),
  /** Smallest number of forms for which a group's breakdown is shown. */
  minCellSize: z.number().int().min(1).max(50),
});
export type Method = z.infer<typeof Method>;

export const Definition = z.object({
  code: Code,
  version: z.number().int().min(1),
  name: Text,
  year: z.number().int().min(2000).max(2100),
  dontKnowLabel: Text,
  indexes: z.array(IndexDefinition).min(1),
  scaleProfiles: z.array(ScaleProfile).min(1),
  labelSets: z.array(LabelSet).min(1),
  groups: z.array(Group).min(1),
  questionnaires: z.array(Questionnaire).min(1),
  demographics: z.array(Demographic).default([]),
  method: Method,
});
export type Definition = z.infer<typeof Definition>;
/** What a definition file holds before defaults are applied. */
export type DefinitionInput = z.input<typeof Definition>;
