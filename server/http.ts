import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { jsonDepth } from '../contract/json-depth';
import { ApiError } from './errors';

/**
 * Zod's own Vietnamese messages for the details of a 400 `invalid_request` ("Quá lớn: mong đợi
 * string có <=3 ký tự", "Khóa không được nhận dạng: \"extra\""), instead of its English ones;
 * the project's own messages (the schemas' `message`s in contract/) still win where given.
 */
z.config(z.locales.vi());

/**
 * How deep any JSON body may nest. The deepest real body (a questionnaire definition) nests
 * about 8 levels; a body nested thousands deep would overflow the stack of whatever walks it
 * (validation, JSON.stringify, encryption of a draft) and end as a 500.
 */
/** A query parameter of comma-separated values (`ids=a,b`); absent → undefined. */
export const CommaList = z
  .string()
  .optional()
  .transform((s) => s?.split(',').filter(Boolean));

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV = 'text/csv; charset=utf-8';

/** The headers of a file download. */
export const attachment = (name: string, type: string) => ({
  'Content-Type': type,
  'Content-Disposition': `attachment; filename="${name}"`,
});

export const MAX_JSON_DEPTH = 64;

/**
 * Reads a JSON body and validates it at the edge: 400 `invalid_request` when it is not JSON,
 * nests deeper than MAX_JSON_DEPTH, or is not the shape, with one detail per problem. With
 * `empty`, a route whose body is optional reads no body at all as that value.
 */
export async function readJson<T extends z.ZodType>(
  req: Request,
  schema: T,
  options: { empty?: unknown } = {},
): Promise<z.infer<T>> {
  let raw: unknown;
  let text: string;
  try {
    text = await req.text();
  } catch (err) {
    if (err instanceof HTTPException || err instanceof ApiError) throw err;
    throw new ApiError(400, 'invalid_request', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
  }
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new ApiError(
      400,
      'invalid_request',
      `Dữ liệu gửi lên lồng nhau quá sâu (tối đa ${MAX_JSON_DEPTH} cấp).`,
    );
  }
  try {
    raw = options.empty !== undefined && text.trim() === '' ? options.empty : JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_request', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
  }
  if (hasNul(raw)) {
    throw new ApiError(
      400,
      'invalid_request',
      'Dữ liệu gửi lên có ký tự không hợp lệ (ký tự NUL, U+0000).',
    );
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

/**
 * Whether a string anywhere in a parsed body (keys too) holds U+0000: PostgreSQL cannot store it
 * in text, and no person types it. Refused at the edge on every database, so both behave alike.
 * The depth is already bounded (MAX_JSON_DEPTH).
 */
function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  return false;
}

/**
 * A PATCH body: as readJson, and 400 `invalid_request` when it names none of the fields that
 * can be changed (`{}`, or only unknown fields), listing those that can.
 */
export async function readPatch<T extends z.ZodObject>(
  req: Request,
  schema: T,
): Promise<z.infer<T>> {
  const patch = await readJson(req, schema);
  if (Object.values(patch as Record<string, unknown>).every((v) => v === undefined)) {
    const fields = Object.keys(schema.shape);
    throw new ApiError(
      400,
      'invalid_request',
      `Không có gì để sửa: cần ít nhất một trong các trường ${fields.join(', ')}.`,
      { fields },
    );
  }
  return patch;
}
