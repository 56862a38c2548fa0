import { createHash } from 'node:crypto';
import { z } from 'zod';
import { loadCounts } from '../../analysis/aggregate';
import { formatFraction, parseFraction } from '../../analysis/fraction';
import { ScoringError } from '../../analysis/ratio';
import { scoreUnits } from '../../analysis/score';
import type { Counts, UnitResult } from '../../analysis/types';
import {
  Coefficient,
  type Definition,
  type Method,
  OPTION_CODES,
  type OptionCode,
} from '../../questionnaires';
import { campaignPhase } from '../campaigns/phase';
import { findCampaign, findDefinition, listUnits } from '../campaigns/queries';
import { type Db, inTransaction } from '../db/connect';
import type { Campaign, ScoringRun } from '../db/schema';
import { ApiError } from '../errors';
import { randomId } from '../secrets';
import { loadSelfAssessment, runSelfAssessment } from './self-assessment-queries';
import { type RunUnitResult, type SelfAssessmentMeta, withTotals } from './total';

/**
 * Scoring runs (domain README, "The score", steps 9–10). A run scores the campaign's tallies
 * with the campaign's method (official) or with other settings (a trial), and keeps what it
 * used and what it gave: the definition version, the settings, a fingerprint of the
 * submissions, the results and the A–E distributions, small cells already hidden. Runs exist
 * only once the campaign is closed; only official runs whose data is unchanged can be locked.
 */

export const CAMPAIGN_OPEN_MESSAGE =
  'Đợt khảo sát chưa kết thúc: kết quả chỉ có sau khi đóng đợt (trong khi đợt đang mở chỉ xem được số phiếu đã nhận, ở mục Theo dõi).';

/** The settings a trial may change; anything left out is the campaign's. */
export const MethodOverrides = z
  .object({
    scaleProfile: z.string().min(1),
    weighting: z.enum(['EQUAL_GROUP', 'POOLED']),
    groupWeights: z.record(z.string(), Coefficient),
    emptyCriterion: z.enum(['ZERO', 'RESCALE']),
    minCellSize: z.number().int().min(1).max(50),
  })
  .partial()
  .strict();
export type MethodOverrides = z.infer<typeof MethodOverrides>;

/** The A–E counts of one question about one unit, over every group; null where hidden. */
export interface Distribution {
  questionnaireId: string;
  questionId: string;
  criterion: string;
  unitCode: string;
  /** The small-group rule hides this unit × criterion's breakdown, and so this distribution. */
  hidden: boolean;
  counts: Record<OptionCode, number> | null;
  total: number | null;
}

/** The contract's results JSON ("Results"), with the campaign and the run's bookkeeping. */
export interface ResultsDocument {
  campaign: { id: string; name: string };
  method: {
    profile: string;
    weighting: Method['weighting'];
    groupWeights: Record<string, string>;
    emptyCriterion: Method['emptyCriterion'];
    minCellSize: number;
    definitionCode: string;
    definitionVersion: number;
    runId: string;
    createdAt: string;
    official: boolean;
    trial: boolean;
    locked: boolean;
    lockedAt: string | null;
  };
  fingerprint: string;
  submissionCount: number;
  /**
   * The appraised self-assessment the run's totals (step 8) were computed with: its import time
   * and fingerprint; null when none was imported when the run was made (then every parIndex is
   * null). A later import does not change a stored run.
   */
  selfAssessment: SelfAssessmentMeta | null;
  units: RunUnitResult[];
  /**
   * Units this trial leaves out: it weighs the groups otherwise than the campaign's method, and
   * each of these units has a criterion whose breakdown the small-group rule hides. Its score
   * beside the official one would give that group's answers away. Empty for official runs.
   */
  withheld: WithheldUnit[];
}

export interface WithheldUnit {
  code: string;
  name: string;
  index: string;
}

export interface RunUser {
  id: string;
  email?: string;
}

/** A campaign with its pinned definition and units; 404 when there is no such campaign. */
export async function loadCampaign(db: Db, campaignId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw new ApiError(404, 'not_found', 'Không tìm thấy đợt khảo sát.');
  const definition = await findDefinition(db, campaign.definitionId);
  if (!definition) throw new ApiError(404, 'not_found', 'Không tìm thấy bộ chỉ số của đợt.');
  const units = await listUnits(db, campaign.unitSetId);
  return { campaign, definition, units };
}

export type CampaignContext = Awaited<ReturnType<typeof loadCampaign>>;

/** Step 10: nobody sees a score, a distribution or an answer before the campaign is closed. */
export function requireClosed(campaign: Pick<Campaign, 'opensAt' | 'closesAt'>, now = new Date()) {
  if (campaignPhase(campaign, now) !== 'closed')
    throw new ApiError(409, 'campaign_open', CAMPAIGN_OPEN_MESSAGE);
}

/**
 * SHA-256 (hex) over the sorted content hashes of the campaign's submissions, one per line, and
 * how many there are. Each hash was made when its submission was stored (over its id and
 * answers), so this reads one short column through an index, however many answers there are,
 * and hashes it page by page (content hashes are unique: each covers its submission's random id). The same submissions always give the same fingerprint; adding,
 * removing or changing one changes it.
 */
export async function submissionsFingerprint(
  db: Db,
  campaignId: string,
  pageSize = 5000,
): Promise<{ fingerprint: string; count: number }> {
  const hash = createHash('sha256');
  let count = 0;
  let after: string | null = null;
  // Pages by key (content hash > the last one) rather than one row at a time through an async
  // stream: the same bounded memory, and about ten times faster (10,000 submissions: ~10 ms).
  for (;;) {
    let query = db
      .selectFrom('submission')
      .select('contentHash')
      .where('campaignId', '=', campaignId)
      .orderBy('contentHash')
      .limit(pageSize);
    if (after !== null) query = query.where('contentHash', '>', after);
    const page = await query.execute();
    for (const row of page) hash.update(`${row.contentHash}\n`);
    count += page.length;
    if (page.length < pageSize) break;
    after = page[page.length - 1]?.contentHash ?? null;
  }
  return { fingerprint: hash.digest('hex'), count };
}

/** Group weights written the same way, weights of 1 left out: {"A": "1.0"} is {}. */
function normalWeights(weights: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(weights)
      .map(([g, w]) => [g, formatFraction(parseFraction(w))] as const)
      .filter(([, w]) => w !== '1')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** The method in a fixed key order, as stored and as compared. */
function canonicalMethod(m: Method): Method {
  return {
    scaleProfile: m.scaleProfile,
    weighting: m.weighting,
    groupWeights: normalWeights(m.groupWeights),
    emptyCriterion: m.emptyCriterion,
    minCellSize: m.minCellSize,
  };
}

/** Whether `method` is the campaign's own method: then the run is official (step 9). */
export function isOfficial(definition: Definition, method: Method): boolean {
  return (
    JSON.stringify(canonicalMethod(method)) === JSON.stringify(canonicalMethod(definition.method))
  );
}

/**
 * The definition's method with `overrides` applied, checked against the definition. A trial may
 * not lower the small-group threshold: that would show the breakdowns the rule hides.
 */
export function effectiveMethod(definition: Definition, overrides: MethodOverrides = {}): Method {
  const problems: string[] = [];
  const method: Method = {
    ...definition.method,
    ...overrides,
    groupWeights: overrides.groupWeights ?? definition.method.groupWeights,
  };
  if (!definition.scaleProfiles.some((p) => p.code === method.scaleProfile))
    problems.push(`Thang điểm "${method.scaleProfile}" không có trong bộ chỉ số.`);
  for (const [group, weight] of Object.entries(method.groupWeights)) {
    if (!definition.groups.some((g) => g.code === group))
      problems.push(`Nhóm đối tượng "${group}" không có trong bộ chỉ số.`);
    if (parseFraction(weight).num <= 0n)
      problems.push(`Trọng số của nhóm "${group}" phải lớn hơn 0.`);
  }
  if (method.minCellSize < definition.method.minCellSize)
    problems.push(
      `Không thể hạ ngưỡng nhóm nhỏ dưới ${definition.method.minCellSize} phiếu: như vậy sẽ lộ số liệu của nhóm quá ít người.`,
    );
  if (problems.length > 0)
    throw new ApiError(422, 'invalid_method', 'Thiết lập cách tính không hợp lệ.', problems);
  return canonicalMethod(method);
}

/**
 * Whether `method` scores the groups otherwise than the campaign's own: another weighting, other
 * weights under EQUAL_GROUP, or another scale profile (other coefficients). Two such results of
 * one unit are two equations in its groups' answers: with the group counts (tracking shows them)
 * they solve for a group of one or two. Only the empty-criterion rule is safe to change: it
 * decides criteria that nobody answered.
 */
export function exposesGroups(definition: Definition, method: Method): boolean {
  const own = canonicalMethod(definition.method);
  const m = canonicalMethod(method);
  if (m.weighting !== own.weighting || m.scaleProfile !== own.scaleProfile) return true;
  return (
    m.weighting === 'EQUAL_GROUP' &&
    JSON.stringify(m.groupWeights) !== JSON.stringify(own.groupWeights)
  );
}

/**
 * The units a run shows, and those it must leave out: none for the campaign's own method; for a
 * trial that scores the groups otherwise, every unit with a hidden breakdown (its total and fields would otherwise
 * carry the hidden criterion too).
 */
export function withholdSmallGroups<U extends UnitResult>(
  definition: Definition,
  method: Method,
  results: readonly U[],
): { shown: U[]; withheld: WithheldUnit[] } {
  if (!exposesGroups(definition, method)) return { shown: [...results], withheld: [] };
  const hidden = new Set(
    results
      .filter((u) => u.groups.some((g) => g.criteria.some((c) => c.nForms === null)))
      .map((u) => u.code),
  );
  return {
    shown: results.filter((u) => !hidden.has(u.code)),
    withheld: results
      .filter((u) => hidden.has(u.code))
      .map((u) => ({ code: u.code, name: u.name, index: u.index })),
  };
}

/** Unit × criterion pairs whose group breakdown the small-group rule hid. */
function hiddenCells(results: readonly UnitResult[]): Set<string> {
  const hidden = new Set<string>();
  for (const unit of results)
    for (const group of unit.groups)
      for (const c of group.criteria)
        if (c.nForms === null) hidden.add(`${unit.code}\u0000${c.code}`);
  return hidden;
}

/**
 * A–E counts per questionnaire × question × unit (every unit its index rates), summed over the
 * groups, with the distributions of a hidden unit × criterion left out ("Small groups").
 */
export function distributionsOf(
  definition: Definition,
  units: readonly { code: string; kind: string }[],
  counts: Counts,
  results: readonly UnitResult[],
): Distribution[] {
  const byKey = new Map<string, Record<OptionCode, number>>();
  for (const a of counts.answers) {
    const key = `${a.questionnaireId}\u0000${a.questionId}\u0000${a.unitCode}`;
    let cell = byKey.get(key);
    if (!cell) {
      cell = { A: 0, B: 0, C: 0, D: 0, E: 0 };
      byKey.set(key, cell);
    }
    if ((OPTION_CODES as readonly string[]).includes(a.option)) cell[a.option as OptionCode] += a.n;
  }
  const hidden = hiddenCells(results);
  const out: Distribution[] = [];
  for (const q of definition.questionnaires) {
    const index = definition.indexes.find((i) => i.code === q.index);
    const rated = units.filter((u) => index?.unitKinds.includes(u.kind));
    for (const question of q.questions)
      for (const unit of rated) {
        const isHidden = hidden.has(`${unit.code}\u0000${question.criterion}`);
        const counts = byKey.get(`${q.id}\u0000${question.id}\u0000${unit.code}`) ?? {
          A: 0,
          B: 0,
          C: 0,
          D: 0,
          E: 0,
        };
        out.push({
          questionnaireId: q.id,
          questionId: question.id,
          criterion: question.criterion,
          unitCode: unit.code,
          hidden: isHidden,
          counts: isHidden ? null : counts,
          total: isHidden ? null : OPTION_CODES.reduce((s, o) => s + counts[o], 0),
        });
      }
  }
  return out;
}

/**
 * Scores the closed campaign now and stores the run. The fingerprint, the counts and the
 * self-assessment are read in one transaction, so they describe the same data; scoring itself
 * (steps 1–8) is pure. The run keeps the totals it computed and which import they came from.
 * @throws ApiError 409 `campaign_open` while the campaign is not closed; 422 `invalid_method`.
 */
export async function createRun(
  db: Db,
  campaignId: string,
  options: { method?: MethodOverrides; user?: RunUser | null } = {},
  now = new Date(),
): Promise<ScoringRun> {
  const { campaign, definition, units } = await loadCampaign(db, campaignId);
  requireClosed(campaign, now);
  const method = effectiveMethod(definition, options.method);
  const { fingerprint, counts, selfAssessment } = await inTransaction(db, async (trx) => ({
    fingerprint: await submissionsFingerprint(trx, campaignId),
    counts: await loadCounts(trx, campaignId),
    selfAssessment: await loadSelfAssessment(trx, campaignId),
  }));
  const refs = units.map((u) => ({ code: u.code, name: u.name.normalize('NFC'), kind: u.kind }));
  let results: RunUnitResult[];
  try {
    results = withTotals(
      definition,
      scoreUnits(definition, refs, counts, { method }),
      selfAssessment,
    );
  } catch (err) {
    if (err instanceof ScoringError)
      throw new ApiError(409, 'scoring_error', `Không tính được điểm: ${err.message}`);
    throw err;
  }
  // Distributions do not depend on the weighting: those of a withheld unit are the official run's.
  const distributions = distributionsOf(definition, refs, counts, results);
  const { shown, withheld } = withholdSmallGroups(definition, method, results);
  const run: ScoringRun = {
    id: randomId(),
    campaignId,
    createdAt: now.toISOString(),
    createdBy: options.user?.id ?? null,
    definitionId: campaign.definitionId,
    definitionCode: definition.code,
    definitionVersion: definition.version,
    settings: JSON.stringify(method),
    official: isOfficial(definition, method) ? 1 : 0,
    fingerprint: fingerprint.fingerprint,
    submissionCount: fingerprint.count,
    results: JSON.stringify(shown),
    distributions: JSON.stringify(distributions),
    lockedAt: null,
    lockedBy: null,
    selfAssessment: selfAssessment
      ? JSON.stringify({
          importedAt: selfAssessment.importedAt,
          fingerprint: selfAssessment.fingerprint,
          units: selfAssessment.units,
        } satisfies SelfAssessmentMeta)
      : null,
    withheld: withheld.length > 0 ? JSON.stringify(withheld) : null,
  };
  await db.insertInto('scoringRun').values(run).execute();
  return run;
}

/** The campaign's runs, newest first, without their (large) results. */
export function listRuns(db: Db, campaignId: string) {
  return db
    .selectFrom('scoringRun as r')
    .leftJoin('user as c', 'c.id', 'r.createdBy')
    .leftJoin('user as l', 'l.id', 'r.lockedBy')
    .select([
      'r.id',
      'r.createdAt',
      'r.definitionCode',
      'r.definitionVersion',
      'r.settings',
      'r.official',
      'r.fingerprint',
      'r.submissionCount',
      'r.lockedAt',
      'r.selfAssessment',
      'c.email as createdByEmail',
      'l.email as lockedByEmail',
    ])
    .where('r.campaignId', '=', campaignId)
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id')
    .execute();
}

/** A run of the campaign, or 404. */
export async function findRun(db: Db, campaignId: string, runId: string): Promise<ScoringRun> {
  const run = await db
    .selectFrom('scoringRun')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run) throw new ApiError(404, 'not_found', 'Không tìm thấy lần tính điểm này.');
  return run;
}

/** The most recently locked run of the campaign, if any. */
export function lastLockedRun(db: Db, campaignId: string) {
  return db
    .selectFrom('scoringRun')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('lockedAt', 'is not', null)
    .orderBy('lockedAt', 'desc')
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Locks an official run for publication. Refuses a trial, a run already locked, and a run whose
 * submissions are no longer the campaign's (a form arrived or changed since: run again).
 */
export async function lockRun(
  db: Db,
  campaignId: string,
  runId: string,
  user: RunUser | null,
  now = new Date(),
): Promise<ScoringRun> {
  const { campaign } = await loadCampaign(db, campaignId);
  requireClosed(campaign, now);
  return inTransaction(db, async (trx) => {
    const run = await findRun(trx, campaignId, runId);
    if (run.lockedAt)
      throw new ApiError(409, 'already_locked', 'Lần tính này đã được khóa để công bố.');
    if (!run.official)
      throw new ApiError(
        409,
        'trial_run',
        'Lần tính thử nghiệm (thiết lập khác với đợt khảo sát) chỉ để xem, không được khóa hay công bố.',
      );
    const current = await submissionsFingerprint(trx, campaignId);
    if (current.fingerprint !== run.fingerprint || run.definitionId !== campaign.definitionId)
      throw new ApiError(
        409,
        'stale_run',
        'Dữ liệu đã thay đổi sau lần tính này (dấu vân tay không còn khớp); hãy tính lại rồi khóa lần tính mới.',
      );
    // Step 8: the totals to publish must be those of the self-assessment imported now.
    const self = await loadSelfAssessment(trx, campaignId);
    if ((self?.fingerprint ?? null) !== (runSelfAssessment(run)?.fingerprint ?? null))
      throw new ApiError(
        409,
        'stale_run',
        'Điểm tự đánh giá đã được nhập (hoặc nhập lại) sau lần tính này; hãy tính lại rồi khóa lần tính mới.',
      );
    const locked = { lockedAt: now.toISOString(), lockedBy: user?.id ?? null };
    await trx.updateTable('scoringRun').set(locked).where('id', '=', run.id).execute();
    return { ...run, ...locked };
  });
}

/** The contract's results JSON of a stored run. */
export function resultsDocument(
  run: ScoringRun,
  campaign: Pick<Campaign, 'id' | 'name'>,
): ResultsDocument {
  const method = JSON.parse(run.settings) as Method;
  return {
    campaign: { id: campaign.id, name: campaign.name.normalize('NFC') },
    method: {
      profile: method.scaleProfile,
      weighting: method.weighting,
      groupWeights: method.groupWeights,
      emptyCriterion: method.emptyCriterion,
      minCellSize: method.minCellSize,
      definitionCode: run.definitionCode,
      definitionVersion: run.definitionVersion,
      runId: run.id,
      createdAt: run.createdAt,
      official: run.official === 1,
      trial: run.official !== 1,
      locked: run.lockedAt !== null,
      lockedAt: run.lockedAt,
    },
    fingerprint: run.fingerprint,
    submissionCount: run.submissionCount,
    selfAssessment: runSelfAssessment(run),
    // Runs stored before step 8 was implemented have no `total`: they read as none imported.
    units: (JSON.parse(run.results) as RunUnitResult[]).map((u) => ({
      ...u,
      total: u.total ?? null,
    })),
    withheld: run.withheld ? (JSON.parse(run.withheld) as WithheldUnit[]) : [],
  };
}

export function runDistributions(run: ScoringRun): Distribution[] {
  return JSON.parse(run.distributions) as Distribution[];
}
