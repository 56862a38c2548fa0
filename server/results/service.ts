import { ScoringError } from '../../analysis/ratio';
import { scoreUnits } from '../../analysis/score';
import type { Counts } from '../../analysis/types';
import type { MethodOverrides, RunUnitResult, SelfAssessmentMeta } from '../../contract/results';
import type { Method } from '../../questionnaires';
import { audit } from '../audit/log';
import type { SessionUser } from '../auth/session';
import { type Db, inSnapshot, inTransaction } from '../db/connect';
import type { Campaign, ScoringRun } from '../db/schema';
import { ApiError } from '../errors';
import { paperWaiting } from '../paper/queries';
import { randomId } from '../secrets';
import { loadLinkedFields, sipasLinksKey } from '../sipas/link';
import { type CampaignContext, foundRun, loadCampaign, requireClosed } from './context';
import { loadCounts } from './counts';
import { distributionsOf } from './distributions';
import { effectiveMethod, isOfficial, withholdSmallGroups } from './method-policy';
import { findRun, insertRun, setRunLock, submissionsFingerprint } from './queries';
import { loadSelfAssessment, runSelfAssessment } from './self-assessment-queries';
import { type LinkedField, type SelfAssessmentSnapshot, sipasKept, withTotals } from './total';
import { keptWords } from './total-sipas';

/**
 * Making and locking scoring runs (docs/method.md §10). A run scores the campaign's tallies
 * with the campaign's method (official) or with other settings (a trial), and keeps what it
 * used and what it gave: the definition version, the settings, a fingerprint of the
 * submissions, the results and the A–E distributions, small cells already hidden. Runs exist
 * only once the campaign is closed (§11); only official runs whose data is unchanged can be
 * locked.
 */

export interface RunUser {
  id: string;
  email?: string;
}

/** Steps 1–8 over the counts read, as a 409 when the data cannot be scored. */
function scoreAll(
  ctx: CampaignContext,
  method: Method,
  counts: Counts,
  selfAssessment: SelfAssessmentSnapshot | null,
  linked: readonly LinkedField[],
) {
  const refs = ctx.units.map((u) => ({
    code: u.code,
    name: u.name.normalize('NFC'),
    kind: u.kind,
  }));
  const official = new Map(ctx.units.map((u) => [u.code, u.officialCode]));
  let results: RunUnitResult[];
  try {
    results = withTotals(
      ctx.definition,
      scoreUnits(ctx.definition, refs, counts, { method }).map((u) => ({
        ...u,
        officialCode: official.get(u.code) ?? null,
      })),
      selfAssessment,
      linked,
    );
  } catch (err) {
    if (err instanceof ScoringError)
      throw new ApiError(409, 'scoring_error', `Không tính được điểm: ${err.message}`);
    throw err;
  }
  // Distributions do not depend on the weighting: those of a withheld unit are the official run's.
  return {
    results,
    distributions: distributionsOf(ctx.definition, refs, counts, results),
    kept: sipasKept(ctx.definition, results, selfAssessment, linked),
  };
}

/**
 * What the run records of the self-assessment and its SIPAS fields (§19.5): each link's words,
 * followed by the units that kept their self-assessment for the field, counted and named.
 */
const selfAssessmentMeta = (
  s: SelfAssessmentSnapshot,
  sipas: NonNullable<SelfAssessmentMeta['sipas']>,
  kept: ReturnType<typeof sipasKept>,
): SelfAssessmentMeta => ({
  importedAt: s.importedAt,
  fingerprint: s.fingerprint,
  units: s.units,
  // Fields whose points came from a SIPAS run (§19.5); absent when none is linked.
  ...(sipas.length > 0
    ? {
        sipas: sipas.map((link) => {
          const units = kept.get(link.fieldCode) ?? [];
          if (units.length === 0) return link;
          return {
            ...link,
            text: `${link.text} ${keptWords(link.fieldCode, units)}`,
            kept: units.map((u) => ({ code: u.code, reason: u.reason })),
          };
        }),
      }
    : {}),
});

/**
 * Scores the closed campaign now and stores the run. The fingerprint, the counts and the
 * self-assessment are read in one transaction, so they describe the same data; scoring itself
 * (steps 1–8) is pure. The run keeps the totals it computed and which import they came from.
 * @throws ApiError 409 `campaign_open` while the campaign is not closed; 422 `invalid_method`.
 */
export async function createRun(
  db: Db,
  campaignOrId: Campaign | string,
  options: { method?: MethodOverrides; user?: RunUser | null } = {},
  now = new Date(),
): Promise<ScoringRun> {
  const ctx = await loadCampaign(db, campaignOrId);
  const { campaign, definition } = ctx;
  const campaignId = campaign.id;
  requireClosed(campaign, now);
  const method = effectiveMethod(definition, options.method);
  const { fingerprint, counts, selfAssessment, waiting, links } = await inSnapshot(
    db,
    async (trx) => ({
      fingerprint: await submissionsFingerprint(trx, campaignId),
      counts: await loadCounts(trx, campaignId),
      selfAssessment: await loadSelfAssessment(trx, campaignId),
      waiting: await paperWaiting(trx, campaignId),
      links: await loadLinkedFields(trx, campaignId),
    }),
  );
  const { results, distributions, kept } = scoreAll(
    ctx,
    method,
    counts,
    selfAssessment,
    links.linked,
  );
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
      ? JSON.stringify(selfAssessmentMeta(selfAssessment, links.meta, kept))
      : null,
    withheld: withheld.length > 0 ? JSON.stringify(withheld) : null,
    paperWaiting: waiting,
  };
  await insertRun(db, run);
  return run;
}

/** Why a run may not be locked now, as a 409; nothing when it may. */
async function refuseLock(trx: Db, run: ScoringRun, campaignId: string, definitionId: string) {
  if (run.lockedAt)
    throw new ApiError(409, 'already_locked', 'Lần tính này đã được khóa để công bố.');
  if (!run.official)
    throw new ApiError(
      409,
      'trial_run',
      'Lần tính thử nghiệm (thiết lập khác với đợt khảo sát) chỉ để xem, không được khóa hay công bố.',
    );
  const current = await submissionsFingerprint(trx, campaignId);
  if (current.fingerprint !== run.fingerprint || run.definitionId !== definitionId)
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
  // …and so must the fields that take their points from SIPAS (§19.5).
  const linkedNow = self ? (await loadLinkedFields(trx, campaignId)).meta : [];
  if (sipasLinksKey(linkedNow) !== sipasLinksKey(runSelfAssessment(run)?.sipas ?? []))
    throw new ApiError(
      409,
      'stale_run',
      'Liên kết kết quả SIPAS vào Chỉ số CCHC đã thay đổi sau lần tính này; hãy tính lại rồi khóa lần tính mới.',
    );
}

/**
 * Locks an official run for publication. Refuses a trial, a run already locked, and a run whose
 * submissions are no longer the campaign's (a form arrived or changed since: run again).
 */
export async function lockRun(
  db: Db,
  campaignOrId: Campaign | string,
  runId: string,
  user: RunUser | null,
  now = new Date(),
): Promise<ScoringRun> {
  const campaign =
    typeof campaignOrId === 'string'
      ? (await loadCampaign(db, campaignOrId)).campaign
      : campaignOrId;
  const campaignId = campaign.id;
  requireClosed(campaign, now);
  return inTransaction(db, async (trx) => {
    const run = foundRun(await findRun(trx, campaignId, runId));
    await refuseLock(trx, run, campaignId, campaign.definitionId);
    const locked = { lockedAt: now.toISOString(), lockedBy: user?.id ?? null };
    await setRunLock(trx, run.id, locked);
    return { ...run, ...locked };
  });
}

/** Who asked, from where: what the audit line of a console action records. */
export interface Actor {
  user: SessionUser;
  ip: string;
}

/** createRun from the console, audited with its settings and how long it took. */
export async function createRunAudited(
  db: Db,
  campaign: Campaign,
  method: MethodOverrides | undefined,
  actor: Actor,
): Promise<ScoringRun> {
  const started = performance.now();
  const run = await createRun(db, campaign, { method, user: actor.user });
  await audit(db, {
    user: actor.user,
    action: 'scoring_run_created',
    campaignId: campaign.id,
    target: run.id,
    details: {
      official: run.official === 1,
      settings: JSON.parse(run.settings),
      fingerprint: run.fingerprint,
      submissions: run.submissionCount,
      ms: Math.round(performance.now() - started),
    },
    ip: actor.ip,
  });
  return run;
}

/** lockRun from the console, audited. */
export async function lockRunAudited(
  db: Db,
  campaign: Campaign,
  runId: string,
  actor: Actor,
): Promise<ScoringRun> {
  const run = await lockRun(db, campaign, runId, actor.user);
  await audit(db, {
    user: actor.user,
    action: 'scoring_run_locked',
    campaignId: campaign.id,
    target: run.id,
    details: { fingerprint: run.fingerprint },
    ip: actor.ip,
  });
  return run;
}
