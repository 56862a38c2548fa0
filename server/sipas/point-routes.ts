import { Hono } from 'hono';
import {
  type CodeBatch,
  NewCodeBatchBody,
  NewPointBody,
  POSTER_SIZES,
  PointPatch,
  type PosterSize,
} from '../../contract/console/sipas-points';
import { audit } from '../audit/log';
import { currentUser, requireRole } from '../auth/middleware';
import { requireKind } from '../campaigns/kind';
import { findSipasDefinition } from '../campaigns/queries';
import type { CampaignEnv } from '../campaigns/scope';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { streamHtml } from '../html';
import { readJson, readPatch } from '../http';
import { minutesFor } from './answer-view';
import { codesOf, createBatch, listBatches, requireBatch, sheetPath } from './code-batches';
import {
  createPoint,
  deletePoint,
  listPoints,
  present,
  refuseWhenClosed,
  requirePoint,
  updatePoint,
} from './points';
import { codeSheetParts, posterPage } from './print';

interface Deps {
  db: Db;
  config: Pick<Config, 'publicUrl' | 'secret'>;
}

/**
 * A SIPAS campaign's collection points, their posters and their one-time codes (issue #14),
 * under `/api/campaigns/:id`: every route 409 `wrong_campaign_kind` on a PAR campaign. Officers
 * and admins make and print; every role reads the list (the analyst's dashboard names points).
 */
export function pointRoutes({ db, config }: Deps) {
  const app = new Hono<CampaignEnv>();
  const staff = requireRole('admin', 'officer');
  const all = requireRole('admin', 'officer', 'analyst');
  const sipas = requireKind('sipas');
  const unitOf = async (unitSetId: string, code: string) =>
    (
      await db
        .selectFrom('unit')
        .select('name')
        .where('unitSetId', '=', unitSetId)
        .where('code', '=', code)
        .executeTakeFirst()
    )?.name ?? code;

  app.get('/:id/points', all, sipas, async (c) =>
    c.json(await listPoints(db, c.get('campaign'), config.publicUrl)),
  );

  app.post('/:id/points', staff, sipas, async (c) => {
    const campaign = c.get('campaign');
    refuseWhenClosed(campaign, 'point');
    const body = await readJson(c.req.raw, NewPointBody);
    const { point, unit } = await createPoint(db, campaign, body);
    await audit(db, {
      user: currentUser(c),
      action: 'point_created',
      campaignId: campaign.id,
      target: point.id,
      details: { name: point.name, unit: point.unitCode },
      ip: c.get('ip'),
    });
    return c.json(present({ ...point }, unit, config.publicUrl), 201);
  });

  app.patch('/:id/points/:point', staff, sipas, async (c) => {
    const campaign = c.get('campaign');
    const point = await requirePoint(db, campaign.id, c.req.param('point'));
    const patch = await readPatch(c.req.raw, PointPatch);
    const updated = await updatePoint(db, campaign, point, patch);
    await audit(db, {
      user: currentUser(c),
      action: 'point_edited',
      campaignId: campaign.id,
      target: point.id,
      details: patch,
      ip: c.get('ip'),
    });
    const [listed] = (await listPoints(db, campaign, config.publicUrl)).filter(
      (p) => p.id === updated.id,
    );
    return c.json(listed);
  });

  app.delete('/:id/points/:point', staff, sipas, async (c) => {
    const campaign = c.get('campaign');
    const point = await requirePoint(db, campaign.id, c.req.param('point'));
    await deletePoint(db, point);
    await audit(db, {
      user: currentUser(c),
      action: 'point_deleted',
      campaignId: campaign.id,
      target: point.id,
      details: { name: point.name },
      ip: c.get('ip'),
    });
    return c.body(null, 204);
  });

  app.get('/:id/points/:point/poster', staff, sipas, async (c) => {
    const campaign = c.get('campaign');
    const point = await requirePoint(db, campaign.id, c.req.param('point'));
    const asked = c.req.query('size') ?? 'A4';
    if (!POSTER_SIZES.includes(asked as PosterSize))
      throw new ApiError(400, 'invalid_query', 'Khổ giấy chỉ nhận A4 hoặc A5 (size=A4|A5).');
    const size = asked as PosterSize;
    const here = new URL(c.req.url);
    await audit(db, {
      user: currentUser(c),
      action: 'poster_printed',
      campaignId: campaign.id,
      target: point.id,
      details: { size },
      ip: c.get('ip'),
    });
    // The same «khoảng N phút» as the form's welcome: one estimate, from the questions.
    const definition = await findSipasDefinition(db, campaign.definitionId);
    return c.html(
      posterPage({
        size,
        minutes: definition ? minutesFor(definition) : undefined,
        url: `${config.publicUrl}/p/${point.code}`,
        unit: await unitOf(campaign.unitSetId, point.unitCode),
        pointName: point.name,
        serviceArea: point.serviceArea,
        campaignName: campaign.name,
        publicUrl: config.publicUrl,
        other: `${here.pathname}?size=${size === 'A4' ? 'A5' : 'A4'}`,
      }),
      200,
      { 'Cache-Control': 'no-store' },
    );
  });

  app.post('/:id/points/:point/codes', staff, sipas, async (c) => {
    const campaign = c.get('campaign');
    const point = await requirePoint(db, campaign.id, c.req.param('point'));
    refuseWhenClosed(campaign, 'codes');
    const { count } = await readJson(c.req.raw, NewCodeBatchBody);
    const user = currentUser(c);
    const id = await createBatch(db, config.secret, point, count, user.id);
    await audit(db, {
      user,
      action: 'codes_created',
      campaignId: campaign.id,
      target: id,
      details: { count, point: point.name },
      ip: c.get('ip'),
    });
    const batch = await requireBatch(db, campaign.id, id);
    return c.json(
      {
        id,
        pointId: point.id,
        pointName: point.name,
        size: batch.size,
        used: 0,
        createdAt: batch.createdAt,
        sheet: sheetPath(campaign.id, id),
      } satisfies CodeBatch,
      201,
    );
  });

  app.get('/:id/code-batches', staff, sipas, async (c) =>
    c.json(await listBatches(db, c.get('campaign'))),
  );

  // Reprintable: the codes are derived again from the secret and the batch (server/sipas/codes.ts).
  app.get('/:id/code-batches/:batch/sheet', staff, sipas, async (c) => {
    const campaign = c.get('campaign');
    const batch = await requireBatch(db, campaign.id, c.req.param('batch'));
    const point = await requirePoint(db, campaign.id, batch.pointId);
    const codes = await codesOf(db, config.secret, batch);
    await audit(db, {
      user: currentUser(c),
      action: 'code_sheet_printed',
      campaignId: campaign.id,
      target: batch.id,
      details: { count: codes.length, point: point.name },
      ip: c.get('ip'),
    });
    const { body, headers } = streamHtml(
      codeSheetParts({
        campaignName: campaign.name,
        pointName: point.name,
        unit: await unitOf(campaign.unitSetId, point.unitCode),
        publicUrl: config.publicUrl,
        batchId: batch.id,
        createdAt: batch.createdAt,
        codes,
      }),
      c.req.header('Accept-Encoding'),
    );
    return c.body(body, 200, headers);
  });

  return app;
}
