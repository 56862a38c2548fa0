import { z } from 'zod';
import { Coefficient } from './schema';

/**
 * The format of a SIPAS definition (issue #14; docs/method.md "SIPAS"): citizens' satisfaction
 * with the administration's service, after 1001/QĐ-BNV. Separate from the PAR `Definition`, so
 * PAR scoring cannot change. Stored in `definition.body` with `"kind": "sipas"`.
 */

const Code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang');
const Text = z.string().trim().min(1, 'Không được để trống');

export const SipasOption = z.object({ code: Code, label: Text });
export type SipasOption = z.infer<typeof SipasOption>;

/** A scale, options ordered worst → best; the `top` best options count as satisfied. */
export const SipasScale = z.object({
  code: Code,
  name: Text.optional(),
  options: z
    .array(SipasOption)
    .min(2, 'Thang đo cần ít nhất 2 mức')
    .max(11, 'Thang đo có nhiều nhất 11 mức'),
  top: z.number().int('Số mức tốt nhất phải là số nguyên').min(1, 'Số mức tốt nhất ít nhất là 1'),
  /** Offered besides the options; excluded from the valid answers. */
  noAnswer: SipasOption.optional(),
});
export type SipasScale = z.infer<typeof SipasScale>;

/** A satisfaction question: scored. */
export const SipasElement = z.object({ id: Code, text: Text, scale: Code });
export type SipasElement = z.infer<typeof SipasElement>;

export const SipasAspect = z.object({
  code: Code,
  name: Text,
  weight: Coefficient,
  elements: z.array(SipasElement).min(1, 'Khía cạnh cần ít nhất một câu hỏi về sự hài lòng'),
});
export type SipasAspect = z.infer<typeof SipasAspect>;

/** A perception (nhận định), e.g. on a yes/no scale: shown, not scored. */
export const SipasPerception = z.object({ id: Code, aspect: Code, text: Text, scale: Code });
export type SipasPerception = z.infer<typeof SipasPerception>;

/** The service used, the channel, expectations (mong đợi): not scored. */
export const SipasChoice = z.object({
  id: Code,
  text: Text,
  options: z.array(SipasOption).min(2, 'Câu hỏi lựa chọn cần ít nhất 2 phương án'),
  multiple: z.boolean(),
  /** With `multiple`: at most this many options. */
  max: z.number().int().min(1).optional(),
});
export type SipasChoice = z.infer<typeof SipasChoice>;

export const SipasMethod = z.object({
  /** A daily figure is shown only from this many answers. */
  minCellSize: z.number().int().min(1).max(50),
  /** Flag: at least `answers` forms within `minutes` at one point. */
  burst: z.object({
    minutes: z
      .number()
      .int()
      .min(10)
      .max(60)
      .multipleOf(10, 'Số phút phải là bội của 10 (đếm theo khung 10 phút)'),
    answers: z.number().int().min(2),
  }),
  /** Flag: a day at 100 % satisfied with more than `over` forms. */
  fullDay: z.object({ over: z.number().int().min(1) }),
  /** Flag: a day whose share of forms identical to an earlier one is at least `share`. */
  repeats: z.object({
    share: z
      .string()
      .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'Tỉ lệ phải là số thập phân từ 0 đến 1, ví dụ "0.3"'),
  }),
});
export type SipasMethod = z.infer<typeof SipasMethod>;

export const SipasDefinition = z.object({
  kind: z.literal('sipas'),
  code: Code,
  version: z.number().int().min(1),
  name: Text,
  year: z.number().int().min(2000).max(2100),
  scales: z.array(SipasScale).min(1),
  aspects: z.array(SipasAspect).min(1),
  perceptions: z.array(SipasPerception).default([]),
  choices: z.array(SipasChoice).default([]),
  comment: z.object({ text: Text }).nullable(),
  method: SipasMethod,
});
export type SipasDefinition = z.infer<typeof SipasDefinition>;
/** What a SIPAS definition file holds before defaults are applied. */
export type SipasDefinitionInput = z.input<typeof SipasDefinition>;
