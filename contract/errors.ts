import { z } from 'zod';

/**
 * The one error envelope of every API (docs/contract.md): `{ error: { code, message, details? } }`,
 * the message in Vietnamese, `details` per code (the problems of a body, of an answer, of a file).
 */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('Mã lỗi ổn định, để chương trình xử lý'),
    message: z.string().describe('Tiếng Việt, để người dùng đọc'),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
