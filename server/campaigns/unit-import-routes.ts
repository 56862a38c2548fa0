import { Hono } from 'hono';
import { currentUser, requireRole } from '../auth/middleware';
import type { Db } from '../db/connect';
import { attachment, CSV } from '../http';
import { uploadedForm } from '../upload/read';
import type { CampaignEnv } from './scope';
import { unitFileCsv } from './unit-file';
import { importUnits } from './unit-import';

/**
 * `POST /:id/units`, multipart `file`: a new unit set for a campaign not yet open.
 * `GET /:id/units.csv`: the campaign's units in that same file's columns, to edit and import.
 */
export function unitImportRoutes(db: Db) {
  const app = new Hono<CampaignEnv>();
  const staff = requireRole('admin', 'officer');
  app.post('/:id/units', staff, async (c) => {
    const { file } = await uploadedForm(c, 'Chưa chọn tệp danh sách đơn vị (.xlsx hoặc .csv).');
    const result = await importUnits(db, c.get('campaign'), file, currentUser(c));
    return c.json(result);
  });
  app.get('/:id/units.csv', staff, async (c) => {
    const campaign = c.get('campaign');
    return c.body(await unitFileCsv(db, campaign.unitSetId), 200, {
      ...attachment(`don-vi-${campaign.id}.csv`, CSV),
      'Cache-Control': 'no-store',
    });
  });
  return app;
}
