import { Hono } from 'hono';
import { z } from 'zod';
import { currentUser, requireRole } from '../auth/middleware';
import type { CampaignEnv } from '../campaigns/scope';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { uploadedForm } from '../upload/read';
import { type ImportOptions, importRoster } from './import';

const Rows = z.array(z.number().int().min(1)).max(100_000);
const Mapping = z.record(z.string(), z.string().nullable());

/** A JSON form field (mapping, confirm, distinct), validated; absent → undefined. */
function jsonField<T extends z.ZodType>(
  value: unknown,
  schema: T,
  name: string,
): z.infer<T> | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    return schema.parse(JSON.parse(String(value)));
  } catch {
    throw new ApiError(400, 'invalid_request', `Trường "${name}" không hợp lệ.`);
  }
}

/**
 * Roster import from the console: `preview` is a dry run (every problem by row number, the
 * header mapping); `import` commits all valid rows, or nothing unless skipInvalid — the same
 * importRoster the CLI runs. multipart/form-data: file, mapping?, confirm?, distinct?, fileHash?.
 */
export function rosterRoutes(db: Db, config: Pick<Config, 'secret'>) {
  const app = new Hono<CampaignEnv>();
  for (const action of ['preview', 'import'] as const) {
    app.post(`/:id/roster/${action}`, requireRole('admin', 'officer'), async (c) => {
      const { file, form } = await uploadedForm(c, 'Chưa chọn tệp danh sách (.xlsx hoặc .csv).');
      const options: ImportOptions = {
        dryRun: action === 'preview',
        skipInvalid: form.skipInvalid === 'true',
        mapping: jsonField(form.mapping, Mapping, 'mapping'),
        confirm: jsonField(form.confirm, Rows, 'confirm'),
        distinct: jsonField(form.distinct, Rows, 'distinct'),
        fileHash: typeof form.fileHash === 'string' && form.fileHash ? form.fileHash : undefined,
        user: currentUser(c),
      };
      const result = await importRoster(db, config.secret, c.get('campaign'), file, options);
      return c.json(result);
    });
  }
  return app;
}
