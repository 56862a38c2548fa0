import { Hono } from 'hono';
import { type AuthEnv, currentUser, requireRole } from '../auth/middleware';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { importUnits } from './unit-import';

/** `POST /:id/units`, multipart `file`: a new unit set for a campaign not yet open. */
export function unitImportRoutes(db: Db) {
  const app = new Hono<AuthEnv>();
  app.post('/:id/units', requireRole('admin', 'officer'), async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File))
      throw new ApiError(
        400,
        'invalid_request',
        'Chưa chọn tệp danh sách đơn vị (.xlsx hoặc .csv).',
      );
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await importUnits(
      db,
      c.req.param('id'),
      { name: file.name, bytes },
      currentUser(c),
    );
    return c.json(result);
  });
  return app;
}
