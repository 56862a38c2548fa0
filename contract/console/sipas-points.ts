import { z } from 'zod';

/**
 * SIPAS collection points (issue #14): `GET|POST /api/campaigns/:id/points`,
 * `PATCH|DELETE …/points/:point`, the printable poster `GET …/points/:point/poster?size=A4|A5`,
 * one-time code batches `POST …/points/:point/codes`, `GET …/code-batches` and the printable
 * sheet `GET …/code-batches/:batch/sheet`.
 */

/** 24-hour «07:30». */
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const Time = z
  .string()
  .regex(CLOCK, 'Giờ phải viết theo 24 giờ, dạng giờ:phút, ví dụ "07:30" hoặc "16:30".');
const Weekday = z
  .number()
  .int()
  .min(1, 'Ngày trong tuần từ 1 (thứ Hai) đến 7 (Chủ nhật).')
  .max(7, 'Ngày trong tuần từ 1 (thứ Hai) đến 7 (Chủ nhật).');

const PointFields = {
  /** What the citizen sees on the poster: "Bộ phận Một cửa xã Tân Hưng". */
  name: z.string().trim().min(1, 'Hãy nhập tên điểm thu thập.').max(200),
  /** A unit of the campaign's unit set. */
  unitCode: z.string().trim().min(1, 'Hãy chọn đơn vị.').max(100),
  /** Optional: "Đất đai", "Hộ tịch"… */
  serviceArea: z.string().trim().max(200).nullable(),
  /** Opening hours, Vietnam time: answers outside them are flagged. */
  opens: Time,
  closes: Time,
  /** Days open, 1 = Monday … 7 = Sunday. */
  weekdays: z
    .array(Weekday)
    .min(1, 'Chọn ít nhất một ngày làm việc.')
    .max(7)
    .refine((d) => new Set(d).size === d.length, 'Ngày làm việc bị trùng.'),
  /** Answers a browser may give at this point per day; 0 = no limit. */
  dailyLimit: z.number().int().min(0, 'Giới hạn không được âm.').max(100),
};

/** Only two readable hours are compared: one that is not says so itself, once. */
const hoursInOrder = (p: { opens?: string; closes?: string }) =>
  p.opens === undefined ||
  p.closes === undefined ||
  !CLOCK.test(p.opens) ||
  !CLOCK.test(p.closes) ||
  p.opens < p.closes;
const HOURS_MESSAGE = 'Giờ đóng cửa phải sau giờ mở cửa.';

export const NewPointBody = z
  .object({
    name: PointFields.name,
    unitCode: PointFields.unitCode,
    serviceArea: PointFields.serviceArea.optional(),
    opens: PointFields.opens.default('07:30'),
    closes: PointFields.closes.default('17:00'),
    weekdays: PointFields.weekdays.default([1, 2, 3, 4, 5]),
    dailyLimit: PointFields.dailyLimit.default(1),
  })
  .refine(hoursInOrder, { path: ['closes'], message: HOURS_MESSAGE });
export type NewPointBody = z.input<typeof NewPointBody>;

export const PointPatch = z.object(PointFields).partial();
export type PointPatch = z.input<typeof PointPatch>;

export const CollectionPoint = z.object({
  id: z.string(),
  /** The poster's short code: the public address is `<PUBLIC_URL>/p/<code>`. */
  code: z.string(),
  /** `<PUBLIC_URL>/p/<code>`. */
  url: z.string(),
  name: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  serviceArea: z.string().nullable(),
  opens: z.string(),
  closes: z.string(),
  weekdays: z.array(z.number().int()),
  dailyLimit: z.number().int(),
  position: z.number().int(),
  /** One-time codes made for it, and how many were used. */
  codes: z.object({ issued: z.number().int(), used: z.number().int() }),
  /**
   * Whether it has answers (a form, a count or a used code): it cannot be deleted, and its unit
   * stays (409 `point_in_use`).
   */
  inUse: z.boolean(),
});
export type CollectionPoint = z.infer<typeof CollectionPoint>;

export const CollectionPointList = z.array(CollectionPoint);

/** At most 2,000 codes a batch: 84 A4 sheets at 24 a page. */
export const MAX_CODE_BATCH = 2000;
export const NewCodeBatchBody = z.object({
  count: z
    .number()
    .int('Số mã phải là số nguyên.')
    .min(1, 'Cần ít nhất 1 mã.')
    .max(MAX_CODE_BATCH, `Mỗi lần tạo nhiều nhất ${MAX_CODE_BATCH.toLocaleString('vi-VN')} mã.`),
});
export type NewCodeBatchBody = z.input<typeof NewCodeBatchBody>;

export const CodeBatch = z.object({
  id: z.string(),
  pointId: z.string(),
  pointName: z.string(),
  size: z.number().int(),
  used: z.number().int(),
  createdAt: z.string(),
  /** The printable sheet (`GET …/code-batches/:batch/sheet`), reprintable. */
  sheet: z.string(),
});
export type CodeBatch = z.infer<typeof CodeBatch>;

export const CodeBatchList = z.array(CodeBatch);

export const POSTER_SIZES = ['A4', 'A5'] as const;
export type PosterSize = (typeof POSTER_SIZES)[number];
/** Codes per A4 sheet of one-time codes (3 × 8). */
export const CODES_PER_SHEET = 24;
