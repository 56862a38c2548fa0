import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error envelope: `{ error: { code, message, details? } }`, message in Vietnamese. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = () =>
  new ApiError(404, 'not_found', 'Đường dẫn không hợp lệ hoặc đã bị thu hồi.');

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function handleError(err: Error, c: Context) {
  if (err instanceof ApiError)
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    if (status === 413) {
      return c.json(errorBody('payload_too_large', 'Dữ liệu gửi lên quá lớn.'), 413);
    }
    return c.json(errorBody('http_error', err.message || 'Yêu cầu không hợp lệ.'), status);
  }
  console.error(err);
  return c.json(
    errorBody('internal', 'Lỗi máy chủ. Câu trả lời của Ông/Bà chưa bị mất; vui lòng thử lại sau.'),
    500,
  );
}
