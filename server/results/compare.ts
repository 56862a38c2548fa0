import type { CompareOptions, Comparison, RunRef } from '../../contract/console/compare';
import type { RunUnitResult } from '../../contract/results';
import type { Method } from '../../questionnaires';
import { campaignPhase } from '../campaigns/phase';
import { findDefinition, findUnitSet, listCampaigns, listUnits } from '../campaigns/queries';
import { requireCampaign } from '../campaigns/scope';
import { type Db, inSnapshot } from '../db/connect';
import type { Campaign, ScoringRun, UnitTable } from '../db/schema';
import { ApiError } from '../errors';
import { subtreeIds } from '../organisations/queries';
import { MERGERS_EFFECTIVE, mergerUnits } from './compare-mergers';
import { ranked, sameUnits } from './compare-units';
import { type CampaignContext, closedCampaign, foundRun, loadCampaign } from './context';
import { loadCounts } from './counts';
import type { OldCampaign } from './pooled-reference';
import { resultsDocument } from './present';
import { findRun, lastLockedRun, submissionsFingerprint } from './queries';

/**
 * Year over year: a run's results next to the previous campaign's published (locked) results,
 * units matched by official code (else unit code) or, across the 2025 mergers, through the
 * official conversion table; criteria by criterion code. What one side has and the other does
 * not (a commune split, merged in part, a criterion renamed) is listed as such, never matched by
 * guesswork. Rank changes are last year's rank minus this year's: +2 is two places up.
 */

/** Every criterion code of the definition a run was scored with. */
async function criterionCodes(db: Db, run: ScoringRun): Promise<Set<string>> {
  const definition = await findDefinition(db, run.definitionId);
  return new Set(
    definition?.indexes.flatMap((i) => i.fields.flatMap((f) => f.criteria.map((c) => c.code))) ??
      [],
  );
}

const shares = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].some((c) => b.has(c));

/**
 * The campaign to compare with: `withId` when given (closed, with a locked run), else the most
 * recent other campaign closed before this one that has a locked run and whose definition shares
 * at least one criterion code with this run's.
 * With `within` (the caller's organisation), only campaigns of its subtree are candidates, and a
 * `withId` out of reach answers as one that does not exist (issue #12).
 * @throws ApiError 404 (`not_found`, `no_previous_campaign`), 409 (`campaign_open`,
 *   `no_locked_run`), 422 `same_campaign`.
 */
export async function previousRun(
  db: Db,
  current: Campaign,
  run: ScoringRun,
  withId?: string,
  within?: string,
): Promise<{ campaign: Campaign; run: ScoringRun }> {
  if (withId !== undefined) {
    if (withId === current.id)
      throw new ApiError(422, 'same_campaign', 'Hãy chọn một đợt khảo sát khác để so sánh.');
    const other = await closedCampaign(db, await requireCampaign(db, withId, within));
    const locked = await lastLockedRun(db, withId);
    if (!locked)
      throw new ApiError(
        409,
        'no_locked_run',
        `Đợt "${other.campaign.name}" chưa có kết quả đã khóa để công bố: chưa so sánh được.`,
      );
    return { campaign: other.campaign, run: locked };
  }
  const found = await defaultPrevious(db, current, run, within);
  if (found) return found;
  throw new ApiError(
    404,
    'no_previous_campaign',
    'Không có đợt khảo sát trước đã đóng, có kết quả đã khóa và cùng tiêu chí để so sánh; hãy chọn đợt để so sánh trong danh sách.',
  );
}

/**
 * The default campaign to compare with: the most recent other campaign closed before this one
 * that has a locked run sharing at least one criterion code with this run; undefined for none.
 */
async function defaultPrevious(
  db: Db,
  current: Campaign,
  run: ScoringRun,
  within: string | undefined,
): Promise<{ campaign: Campaign; run: ScoringRun } | undefined> {
  const codes = await criterionCodes(db, run);
  const reach = within === undefined ? undefined : await subtreeIds(db, within);
  const candidates = (await listCampaigns(db, reach))
    .filter(
      (c) =>
        c.id !== current.id &&
        campaignPhase(c) === 'closed' &&
        c.closesAt !== null &&
        current.closesAt !== null &&
        c.closesAt < current.closesAt,
    )
    .sort((a, b) => ((a.closesAt ?? '') < (b.closesAt ?? '') ? 1 : -1));
  for (const c of candidates) {
    const locked = await lastLockedRun(db, c.id);
    if (locked && shares(codes, await criterionCodes(db, locked)))
      return { campaign: c, run: locked };
  }
  return undefined;
}

/**
 * What the console may ask to compare a run with, so that it never asks for a comparison that
 * cannot be made (a 404 or 409 in the browser's console, issue #13.16): every other closed
 * campaign, newest first, comparable when it has a locked run, and the default one, if any; with
 * `within`, only the campaigns of that organisation's subtree.
 */
export async function compareOptions(
  db: Db,
  current: Campaign,
  runId: string,
  within?: string,
): Promise<CompareOptions> {
  const run = foundRun(await findRun(db, current.id, runId));
  const reach = within === undefined ? undefined : await subtreeIds(db, within);
  const closed = (await listCampaigns(db, reach))
    .filter((c) => c.id !== current.id && campaignPhase(c) === 'closed')
    .sort((a, b) => ((a.closesAt ?? '') < (b.closesAt ?? '') ? 1 : -1));
  const choices = [];
  for (const c of closed) {
    const locked = (await lastLockedRun(db, c.id)) !== undefined;
    choices.push({
      id: c.id,
      name: c.name,
      comparable: locked,
      why: locked ? null : 'chưa có kết quả đã khóa để công bố',
    });
  }
  return {
    choices,
    defaultId: (await defaultPrevious(db, current, run, within))?.campaign.id ?? null,
  };
}

const runRef = async (
  db: Db,
  run: ScoringRun,
  doc: ReturnType<typeof resultsDocument>,
): Promise<RunRef> => ({
  campaign: doc.campaign,
  year: (await findDefinition(db, run.definitionId))?.year ?? 0,
  runId: run.id,
  definitionCode: run.definitionCode,
  definitionVersion: run.definitionVersion,
  official: run.official === 1,
  locked: run.lockedAt !== null,
  lockedAt: run.lockedAt,
  selfAssessmentImportedAt: doc.selfAssessment?.importedAt ?? null,
});

const officialCodes = (units: readonly UnitTable[]) =>
  new Map(units.flatMap((u) => (u.officialCode ? [[u.code, u.officialCode] as const] : [])));

/**
 * Which side of the 2025 mergers each campaign's unit set is on: `forward` when the previous one
 * predates them and the current one follows (matched through the conversion table), `backward`
 * for the reverse (a run compared with a later campaign: the official codes are of two eras, so
 * units carrying one are never matched), `same` otherwise.
 */
async function mergerCrossing(db: Db, current: Campaign, previous: Campaign) {
  const [a, b] = [
    await findUnitSet(db, current.unitSetId),
    await findUnitSet(db, previous.unitSetId),
  ];
  const [now, then] = [a.validFrom >= MERGERS_EFFECTIVE, b.validFrom >= MERGERS_EFFECTIVE];
  return now === then ? 'same' : now ? 'forward' : 'backward';
}

/** What the pooled references need of the old campaign, read in one transaction. */
async function oldCampaign(
  db: Db,
  prev: { campaign: Campaign; run: ScoringRun },
  results: RunUnitResult[],
): Promise<OldCampaign> {
  const ctx = await loadCampaign(db, prev.campaign);
  const definition = (await findDefinition(db, prev.run.definitionId)) ?? ctx.definition;
  const { counts, fingerprint } = await inSnapshot(db, async (trx) => ({
    counts: await loadCounts(trx, prev.campaign.id),
    fingerprint: await submissionsFingerprint(trx, prev.campaign.id),
  }));
  return {
    definition,
    method: JSON.parse(prev.run.settings) as Method,
    units: ctx.units,
    counts,
    results,
    countsMatch: fingerprint.fingerprint === prev.run.fingerprint,
  };
}

/**
 * A run of a closed campaign next to the previous campaign's locked run: unit by unit when both
 * share the administrative geography, through the 2025 conversion table when the old one
 * predates the mergers (docs/method.md §14).
 */
export async function compareRun(
  db: Db,
  ctx: CampaignContext,
  runId: string,
  withId?: string,
  within?: string,
): Promise<Comparison> {
  const run = foundRun(await findRun(db, ctx.campaign.id, runId));
  const prev = await previousRun(db, ctx.campaign, run, withId, within);
  const now = resultsDocument(run, ctx.campaign);
  const then = resultsDocument(prev.run, prev.campaign);
  const prevUnits = await listUnits(db, prev.campaign.unitSetId);
  const [officialNow, officialThen] = [officialCodes(ctx.units), officialCodes(prevUnits)];
  const crossing = await mergerCrossing(db, ctx.campaign, prev.campaign);
  const across = crossing === 'forward';
  const units = across
    ? mergerUnits(
        ranked(now.units),
        ranked(then.units),
        officialNow,
        officialThen,
        await oldCampaign(db, prev, then.units),
      )
    : sameUnits(ranked(now.units), ranked(then.units), officialNow, officialThen, {
        officialCodesComparable: crossing === 'same',
      });

  const [codesNow, codesThen] = [await criterionCodes(db, run), await criterionCodes(db, prev.run)];
  return {
    current: await runRef(db, run, now),
    previous: await runRef(db, prev.run, then),
    criteria: {
      shared: [...codesNow].filter((c) => codesThen.has(c)),
      currentOnly: [...codesNow].filter((c) => !codesThen.has(c)),
      previousOnly: [...codesThen].filter((c) => !codesNow.has(c)),
    },
    acrossMergers: across,
    units,
  };
}
