import type { Updateable } from 'kysely';
import {
  type Definition,
  definitionKind,
  loadDefinition,
  loadSipasDefinition,
  type SipasDefinition,
  type UnitSet,
} from '../../questionnaires';
import { type Db, inTransaction } from '../db/connect';
import type { CampaignTable } from '../db/schema';
import { randomId } from '../secrets';

export function findCampaign(db: Db, id: string) {
  return db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateCampaign(db: Db, id: string, patch: Updateable<CampaignTable>) {
  return db.updateTable('campaign').set(patch).where('id', '=', id).execute();
}

export function findUnitSet(db: Db, id: string) {
  return db.selectFrom('unitSet').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Every campaign, newest first; with `organisations`, only the campaigns of those. */
export function listCampaigns(db: Db, organisations?: readonly string[]) {
  let q = db.selectFrom('campaign').selectAll().orderBy('createdAt', 'desc');
  if (organisations) {
    if (organisations.length === 0) return Promise.resolve([]);
    q = q.where('organisationId', 'in', organisations);
  }
  return q.execute();
}

// Definition rows never change once stored (a new version is a new row), so a parsed copy
// can be kept per id without any server needing to share it.
const parsedDefinitions = new Map<string, Definition | SipasDefinition>();

async function parsedDefinition(db: Db, id: string) {
  const cached = parsedDefinitions.get(id);
  if (cached) return cached;
  const row = await db
    .selectFrom('definition')
    .select('body')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const body: unknown = JSON.parse(row.body);
  const definition =
    definitionKind(body) === 'sipas' ? loadSipasDefinition(body) : loadDefinition(body);
  parsedDefinitions.set(id, definition);
  return definition;
}

/** A PAR definition; undefined when the row is missing or holds a SIPAS definition. */
export async function findDefinition(db: Db, id: string): Promise<Definition | undefined> {
  const definition = await parsedDefinition(db, id);
  return definition && !('kind' in definition) ? definition : undefined;
}

/** A SIPAS definition (issue #14); undefined when the row is missing or holds a PAR one. */
export async function findSipasDefinition(
  db: Db,
  id: string,
): Promise<SipasDefinition | undefined> {
  const definition = await parsedDefinition(db, id);
  return definition && 'kind' in definition ? definition : undefined;
}

/** What a campaign's reply names of its definition, whatever its kind. */
export function findDefinitionName(db: Db, id: string) {
  return db
    .selectFrom('definition')
    .select(['code', 'version', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The highest version stored under a definition code; 0 when there is none. */
export async function latestDefinitionVersion(db: Db, code: string): Promise<number> {
  const latest = await db
    .selectFrom('definition')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(latest?.v ?? 0);
}

/** Stores a definition version once; returns the id of the stored row. */
export async function saveDefinition(
  db: Db,
  definition: Definition | SipasDefinition,
): Promise<string> {
  const existing = await db
    .selectFrom('definition')
    .select(['id', 'body'])
    .where('code', '=', definition.code)
    .where('version', '=', definition.version)
    .executeTakeFirst();
  if (existing) {
    if (existing.body !== JSON.stringify(definition)) {
      throw new Error(
        `Định nghĩa "${definition.code}" phiên bản ${definition.version} đã có với nội dung khác; hãy tăng số phiên bản.`,
      );
    }
    return existing.id;
  }
  const id = randomId();
  await db
    .insertInto('definition')
    .values({
      id,
      code: definition.code,
      version: definition.version,
      name: definition.name,
      body: JSON.stringify(definition),
      createdAt: new Date().toISOString(),
    })
    .execute();
  return id;
}

/** Stores a dated unit set once (by code); returns its id. */
export async function saveUnitSet(db: Db, set: UnitSet): Promise<string> {
  const existing = await db
    .selectFrom('unitSet')
    .select('id')
    .where('code', '=', set.code)
    .executeTakeFirst();
  if (existing) return existing.id;
  const id = randomId();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('unitSet')
      .values({ id, code: set.code, name: set.name, validFrom: set.validFrom })
      .execute();
    await trx
      .insertInto('unit')
      .values(set.units.map((u, position) => ({ unitSetId: id, ...u, position })))
      .execute();
  });
  return id;
}

export function listUnits(db: Db, unitSetId: string) {
  return db
    .selectFrom('unit')
    .selectAll()
    .where('unitSetId', '=', unitSetId)
    .orderBy('position')
    .execute();
}

/** When the campaign's last results were locked; null while none is. */
export async function lastLockedAt(db: Db, campaignId: string): Promise<string | null> {
  const locked = await db
    .selectFrom('scoringRun')
    .select((eb) => eb.fn.max('lockedAt').as('at'))
    .where('campaignId', '=', campaignId)
    .where('lockedAt', 'is not', null)
    .executeTakeFirst();
  return (locked?.at as string | null | undefined) ?? null;
}

/** Erases the roster's personal data in one transaction; invitations, statuses and counts stay. */
export async function purgePersonalData(db: Db, campaignId: string, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const people = await trx
      .updateTable('respondent')
      .set({ name: 'Đã xóa', phone: null, email: null, workplace: null, position: null })
      .where('campaignId', '=', campaignId)
      .executeTakeFirst();
    await trx
      .deleteFrom('draft')
      .where('invitationId', 'in', (eb) =>
        eb.selectFrom('invitation').select('id').where('campaignId', '=', campaignId),
      )
      .execute();
    await trx
      .updateTable('campaign')
      .set({ personalDataPurgedAt: now.toISOString() })
      .where('id', '=', campaignId)
      .execute();
    return Number(people.numUpdatedRows);
  });
}
