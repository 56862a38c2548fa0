import { Hono } from 'hono';
import { z } from 'zod';
import { RosterChoices } from '../../contract/console/roster-schema';
import { currentUser, requireRole } from '../auth/middleware';
import { findDefinition, listUnits } from '../campaigns/queries';
import { CAMPAIGN_NOT_FOUND, type CampaignEnv } from '../campaigns/scope';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { attachment, XLSX } from '../http';
import { uploadedForm } from '../upload/read';
import { type ImportOptions, importRoster } from './import';
import { rosterTemplate } from './template';

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
 * importRoster the CLI runs. multipart/form-data: file, mapping?, confirm?, distinct?, choose?, fileHash?.
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
        choose: jsonField(form.choose, RosterChoices, 'choose'),
        fileHash: typeof form.fileHash === 'string' && form.fileHash ? form.fileHash : undefined,
        user: currentUser(c),
      };
      const result = await importRoster(db, config.secret, c.get('campaign'), file, options);
      return c.json(result);
    });
  }
  // The file to fill in: the columns the import reads, the campaign's groups and units.
  app.get('/:id/roster/template.xlsx', requireRole('admin', 'officer'), async (c) => {
    const campaign = c.get('campaign');
    const definition = await findDefinition(db, campaign.definitionId);
    if (!definition) throw new ApiError(404, 'not_found', CAMPAIGN_NOT_FOUND);
    const bytes = await rosterTemplate({
      campaignName: campaign.name,
      groups: definition.groups,
      units: await listUnits(db, campaign.unitSetId),
    });
    return c.body(
      new Uint8Array(bytes),
      200,
      attachment(`mau-danh-sach-${campaign.id}.xlsx`, XLSX),
    );
  });
  return app;
}
