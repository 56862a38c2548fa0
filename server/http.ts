import type { z } from 'zod';
import { ApiError } from './errors';

/**
 * Reads a JSON body and validates it at the edge: 400 `invalid_request` when it is not JSON or
 * not the shape, with one detail per problem.
 */
export async function readJson<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await req.text());
  } catch {
    throw new ApiError(400, 'invalid_request', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      path: i.path.join('.'),
      message: i.message,
    }));
    throw new ApiError(400, 'invalid_request', 'Dữ liệu gửi lên không đúng định dạng.', details);
  }
  return parsed.data;
}
