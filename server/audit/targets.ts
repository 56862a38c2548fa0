import type { Db } from '../db/connect';
import { vnDateTime } from '../vn-time';

/**
 * What the «Đối tượng» of an audit row names when its target is an id (qa8: the log showed
 * `3KSIARdqaBbjLJLLZMoNDg` for a collection point): the point's name, a code batch's size and
 * point, a run's time, the person of an invitation or roster row. Targets that read already
 * (an account's e-mail, a file's name, an organisation) and those that must not be spelled out
 * (a redacted comment) have none. A row whose target is gone (a point deleted) keeps its id.
 */

type Kind = 'point' | 'batch' | 'run' | 'sipasRun' | 'invitation' | 'respondent';

const KIND_OF: Record<string, Kind> = {
  point_created: 'point',
  point_edited: 'point',
  point_deleted: 'point',
  poster_printed: 'point',
  sipas_paper_printed: 'point',
  sipas_paper_entered: 'point',
  codes_created: 'batch',
  code_sheet_printed: 'batch',
  scoring_run_created: 'run',
  scoring_run_locked: 'run',
  results_exported: 'run',
  sipas_run_created: 'sipasRun',
  sipas_run_locked: 'sipasRun',
  sipas_linked: 'sipasRun',
  reminder_sent: 'invitation',
  paper_stub_received: 'invitation',
  respondent_added: 'respondent',
  respondent_edited: 'respondent',
  respondent_removed: 'respondent',
};

const kindOf = (action: string): Kind | undefined =>
  KIND_OF[action] ?? (action.startsWith('invitation_') ? 'invitation' : undefined);

/** Ids looked up per query: far below every database's limit on bound parameters. */
const CHUNK = 500;

async function lookUp(
  ids: string[],
  query: (ids: string[]) => Promise<{ id: string; name: string }[]>,
  into: Map<string, string>,
): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const row of await query(ids.slice(i, i + CHUNK))) into.set(row.id, row.name);
  }
}

const runName = (createdAt: string, official: number) =>
  `Lần tính ${official ? 'chính thức' : 'thử'} lúc ${vnDateTime(createdAt)}`;

/** The rows, each with `targetName`: the name of what its id stands for, or null. */
export async function withTargetNames<R extends { action: string; target: string | null }>(
  db: Db,
  rows: R[],
): Promise<(R & { targetName: string | null })[]> {
  const wanted = new Map<Kind, Set<string>>();
  for (const r of rows) {
    const kind = kindOf(r.action);
    if (!kind || !r.target) continue;
    wanted.set(kind, (wanted.get(kind) ?? new Set()).add(r.target));
  }
  const names = new Map<Kind, Map<string, string>>();
  const ids = (kind: Kind) => [...(wanted.get(kind) ?? [])];
  const into = (kind: Kind) => {
    const map = new Map<string, string>();
    names.set(kind, map);
    return map;
  };
  await lookUp(
    ids('point'),
    (chunk) =>
      db.selectFrom('collectionPoint').select(['id', 'name']).where('id', 'in', chunk).execute(),
    into('point'),
  );
  await lookUp(
    ids('batch'),
    async (chunk) =>
      (
        await db
          .selectFrom('sipasCodeBatch as b')
          .innerJoin('collectionPoint as p', 'p.id', 'b.pointId')
          .select(['b.id', 'b.size', 'p.name'])
          .where('b.id', 'in', chunk)
          .execute()
      ).map((b) => ({
        id: b.id,
        name: `Lô ${b.size.toLocaleString('vi-VN')} mã dùng một lần, ${b.name}`,
      })),
    into('batch'),
  );
  const runs = (table: 'scoringRun' | 'sipasRun', prefix: string) => async (chunk: string[]) =>
    (
      await db
        .selectFrom(table)
        .select(['id', 'createdAt', 'official'])
        .where('id', 'in', chunk)
        .execute()
    ).map((r) => ({ id: r.id, name: `${prefix}${runName(r.createdAt, r.official)}` }));
  await lookUp(ids('run'), runs('scoringRun', ''), into('run'));
  await lookUp(ids('sipasRun'), runs('sipasRun', 'SIPAS: '), into('sipasRun'));
  await lookUp(
    ids('invitation'),
    (chunk) =>
      db
        .selectFrom('invitation as i')
        .innerJoin('respondent as r', 'r.id', 'i.respondentId')
        .select(['i.id', 'r.name'])
        .where('i.id', 'in', chunk)
        .execute(),
    into('invitation'),
  );
  await lookUp(
    ids('respondent'),
    (chunk) =>
      db.selectFrom('respondent').select(['id', 'name']).where('id', 'in', chunk).execute(),
    into('respondent'),
  );
  return rows.map((r) => {
    const kind = kindOf(r.action);
    const name = kind && r.target ? names.get(kind)?.get(r.target) : undefined;
    return { ...r, targetName: name ?? null };
  });
}
