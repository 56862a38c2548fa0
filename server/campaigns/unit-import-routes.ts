import { Hono } from 'hono';
import { currentUser, requireRole } from '../auth/middleware';
import type { Db } from '../db/connect';
import { uploadedForm } from '../upload/read';
import type { CampaignEnv } from './scope';
import { importUnits } from './unit-import';

/** `POST /:id/units`, multipart `file`: a new unit set for a campaign not yet open. */
export function unitImportRoutes(db: Db) {
  const app = new Hono<CampaignEnv>();
  app.post('/:id/units', requireRole('admin', 'officer'), async (c) => {
    const { file } = await uploadedForm(c, 'Chưa chọn tệp danh sách đơn vị (.xlsx hoặc .csv).');
    const result = await importUnits(db, c.get('campaign'), file, currentUser(c));
    return c.json(result);
  });
  return app;
}
