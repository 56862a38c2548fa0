import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtInDefinition, builtInUnitSet } from '../../../questionnaires';
import { createCampaign } from '../../../server/campaigns/service';
import type { Db } from '../../../server/db/connect';
import { createDemo } from '../../../server/demo/demo';
import { freshDb } from '../../db';

// Not imported from ../helpers: that module builds the whole app, and the roster needs none of it.
export const SECRET = 'test-secret-test-secret-test-secret-0123456789';
export const CAMPAIGN = 'hq-2023';

export const fixture = (name: string) => resolve(import.meta.dirname, '../../fixtures', name);

/** The sample roster as offices type it (test/fixtures/respondents-sample.csv). */
export const sampleFile = () => ({
  name: 'respondents-sample.csv',
  bytes: readFileSync(fixture('respondents-sample.csv')),
});

/** A CSV file from lines (UTF-8, comma-separated). */
export const csvFile = (lines: string[], name = 'ds.csv') => ({
  name,
  bytes: new TextEncoder().encode(`${lines.join('\r\n')}\r\n`),
});

export const HEADER =
  'STT,Họ và tên,Chức vụ,Đơn vị công tác,Nhóm đối tượng,Số điện thoại,Email,Ghi chú';

/**
 * An in-memory database with the demo campaign (24 people) and an empty campaign `hq-2023` on
 * the same definition and units, open for 60 days.
 */
export async function rosterDb(): Promise<Db> {
  const db = await freshDb();
  await createDemo(db, SECRET);
  const now = new Date();
  await createCampaign(db, {
    id: CAMPAIGN,
    name: 'Khảo sát CCHC 2023 (kiểm thử nhập danh sách)',
    definition: builtInDefinition(),
    unitSet: builtInUnitSet(),
    opensAt: now.toISOString(),
    closesAt: new Date(now.getTime() + 60 * 86_400_000).toISOString(),
  });
  return db;
}

/** Every respondent and invitation of a campaign, sorted: to compare before and after. */
export async function snapshot(db: Db, campaignId = CAMPAIGN) {
  const respondents = await db
    .selectFrom('respondent')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .orderBy('id')
    .execute();
  const invitations = await db
    .selectFrom('invitation')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .orderBy('id')
    .execute();
  return { respondents, invitations };
}
