import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { ApiError } from './errors';

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

/** The deepest nesting of `[`/`{` in JSON text, strings skipped; stops counting past `limit`. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (ch === 93 /* ] */ || ch === 125 /* } */) depth--;
  }
  return max;
}

/**
 * Reads a JSON body and validates it at the edge: 400 `invalid_request` when it is not JSON,
 * nests deeper than MAX_JSON_DEPTH, or is not the shape, with one detail per problem.
 */
export async function readJson<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
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
    raw = JSON.parse(text);
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
