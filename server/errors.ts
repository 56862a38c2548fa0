import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../contract/errors';

/** The one error envelope: `{ error: { code, message, details? } }`, message in Vietnamese. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = () =>
  new ApiError(404, 'not_found', 'Đường dẫn không hợp lệ hoặc đã bị thu hồi.');

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * SQLite's SQLITE_FULL: the disk (or the database's page limit) is full. SQLite has rolled the
 * whole transaction back, so nothing of the request was stored and nothing stored before is
 * touched; the same request succeeds once space is freed.
 */
export function isDiskFull(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === 'SQLITE_FULL') return true;
  }
  return false;
}

/**
 * PostgreSQL refuses text it cannot store: a NUL character (\u0000, which SQLite keeps) or bytes
 * that are not UTF-8 (22021, 22P05). Only a hand-made request sends them; the statement failed,
 * so nothing of it was stored.
 */
export function isUnstorableText(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '22021' || code === '22P05') return true;
  }
  return false;
}

export const DISK_FULL_MESSAGE =
  'Máy chủ đã hết chỗ lưu trữ nên chưa ghi được. Câu trả lời của Ông/Bà vẫn được giữ trên máy; vui lòng thử lại sau.';

/** One line on stderr a minute at most: a full disk is worth saying, not 379 times. */
let diskFullLoggedAt = 0;

export function handleError(err: Error, c: Context) {
  if (err instanceof ApiError)
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (isDiskFull(err)) {
    const now = Date.now();
    if (now - diskFullLoggedAt > 60_000) {
      diskFullLoggedAt = now;
      console.error(
        'Đĩa đầy: SQLite không ghi được (SQLITE_FULL); các yêu cầu ghi được trả 503 cho đến khi giải phóng dung lượng.',
      );
    }
    c.header('Retry-After', '60');
    return c.json(errorBody('disk_full', DISK_FULL_MESSAGE), 503);
  }
  if (isUnstorableText(err))
    return c.json(
      errorBody('invalid_request', 'Dữ liệu gửi lên có ký tự không hợp lệ (ký tự NUL).'),
      400,
    );
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
