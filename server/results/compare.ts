import type {
  Comparison,
  CriterionComparison,
  CriterionSide,
  Presence,
  RunRef,
  UnitComparison,
  UnitSide,
} from '../../contract/console/compare';
import type { RunUnitResult } from '../../contract/results';
import { campaignPhase } from '../campaigns/phase';
import { findDefinition, listCampaigns } from '../campaigns/queries';
import type { Db } from '../db/connect';
import type { Campaign, ScoringRun } from '../db/schema';
import { ApiError } from '../errors';
import { type CampaignContext, closedCampaign, foundRun } from './context';
import { ranks } from './export/format';
import { resultsDocument } from './present';
import { findRun, lastLockedRun } from './queries';
import { parRanks, scoreChange } from './total';

/**
 * Year over year: a run's results next to the previous campaign's published (locked) results,
 * units matched by unit code and criteria by criterion code. What one side has and the other
 * does not (a commune split or merged, a criterion renamed) is listed as such, never matched by
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
 * @throws ApiError 404 (`not_found`, `no_previous_campaign`), 409 (`campaign_open`,
 *   `no_locked_run`), 422 `same_campaign`.
 */
export async function previousRun(
  db: Db,
  current: Campaign,
  run: ScoringRun,
  withId?: string,
): Promise<{ campaign: Campaign; run: ScoringRun }> {
  if (withId !== undefined) {
    if (withId === current.id)
      throw new ApiError(422, 'same_campaign', 'Hãy chọn một đợt khảo sát khác để so sánh.');
    const other = await closedCampaign(db, withId);
    const locked = await lastLockedRun(db, withId);
    if (!locked)
      throw new ApiError(
        409,
        'no_locked_run',
        `Đợt "${other.campaign.name}" chưa có kết quả đã khóa để công bố: chưa so sánh được.`,
      );
    return { campaign: other.campaign, run: locked };
  }
  const codes = await criterionCodes(db, run);
  const candidates = (await listCampaigns(db))
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
  throw new ApiError(
    404,
    'no_previous_campaign',
    'Không có đợt khảo sát trước đã đóng, có kết quả đã khóa và cùng tiêu chí để so sánh; có thể chọn đợt bằng tham số with.',
  );
}

function side(u: RunUnitResult, rank: Map<string, number>, parRank: Map<string, number>): UnitSide {
  const key = `${u.index}\u0000${u.code}`;
  return {
    index: u.index,
    surveyScore: u.surveyScore,
    maxScore: u.maxScore,
    surveyPercent: u.surveyPercent,
    parIndex: u.parIndex,
    rank: rank.get(key) ?? null,
    parRank: parRank.get(key) ?? null,
    noData: u.noData,
  };
}

const presence = (a: unknown, b: unknown): Presence =>
  a && b ? 'both' : a ? 'current_only' : 'previous_only';

const rankChange = (cur: UnitSide | null, prev: UnitSide | null, key: 'rank' | 'parRank') => {
  const now = cur?.[key];
  const then = prev?.[key];
  if (now == null || then == null || cur?.index !== prev?.index) return null;
  return then - now;
};

function compareCriteria(
  current: RunUnitResult | undefined,
  previous: RunUnitResult | undefined,
): CriterionComparison[] {
  const now = new Map(current?.criteria.map((c) => [c.code, c]));
  const then = new Map(previous?.criteria.map((c) => [c.code, c]));
  const codes = [...now.keys(), ...[...then.keys()].filter((c) => !now.has(c))];
  return codes.map((code) => {
    const a = now.get(code);
    const b = then.get(code);
    const view = (c: typeof a): CriterionSide | null =>
      c ? { score: c.score, max: c.max, ratio: c.ratio, noData: c.noData } : null;
    return {
      code,
      presence: presence(a, b),
      current: view(a),
      previous: view(b),
      scoreChange: a && b && !a.noData && !b.noData ? scoreChange(a.score, b.score) : null,
      maxChanged: a !== undefined && b !== undefined && a.max !== b.max,
    };
  });
}

const runRef = (run: ScoringRun, doc: ReturnType<typeof resultsDocument>): RunRef => ({
  campaign: doc.campaign,
  runId: run.id,
  definitionCode: run.definitionCode,
  definitionVersion: run.definitionVersion,
  official: run.official === 1,
  locked: run.lockedAt !== null,
  lockedAt: run.lockedAt,
  selfAssessmentImportedAt: doc.selfAssessment?.importedAt ?? null,
});

/** A run of a closed campaign next to the previous campaign's locked run. */
export async function compareRun(
  db: Db,
  ctx: CampaignContext,
  runId: string,
  withId?: string,
): Promise<Comparison> {
  const run = foundRun(await findRun(db, ctx.campaign.id, runId));
  const prev = await previousRun(db, ctx.campaign, run, withId);
  const now = resultsDocument(run, ctx.campaign);
  const then = resultsDocument(prev.run, prev.campaign);
  const [rankNow, rankThen] = [ranks(now.units), ranks(then.units)];
  const [parNow, parThen] = [parRanks(now.units), parRanks(then.units)];
  const thenByCode = new Map(then.units.map((u) => [u.code, u]));
  const nowCodes = new Set(now.units.map((u) => u.code));
  const codes = [
    ...now.units.map((u) => u.code),
    ...then.units.map((u) => u.code).filter((c) => !nowCodes.has(c)),
  ];

  const units = codes.map((code): UnitComparison => {
    const a = now.units.find((u) => u.code === code);
    const b = thenByCode.get(code);
    const cur = a ? side(a, rankNow, parNow) : null;
    const old = b ? side(b, rankThen, parThen) : null;
    return {
      code,
      name: (a ?? b)?.name.normalize('NFC') ?? code,
      presence: presence(a, b),
      current: cur,
      previous: old,
      change: {
        surveyScore: cur && old ? scoreChange(cur.surveyScore, old.surveyScore) : null,
        surveyPercent: cur && old ? scoreChange(cur.surveyPercent, old.surveyPercent) : null,
        parIndex: cur && old ? scoreChange(cur.parIndex, old.parIndex) : null,
        rank: rankChange(cur, old, 'rank'),
        parRank: rankChange(cur, old, 'parRank'),
      },
      criteria: compareCriteria(a, b),
    };
  });

  const [codesNow, codesThen] = [await criterionCodes(db, run), await criterionCodes(db, prev.run)];
  return {
    current: runRef(run, now),
    previous: runRef(prev.run, then),
    criteria: {
      shared: [...codesNow].filter((c) => codesThen.has(c)),
      currentOnly: [...codesNow].filter((c) => !codesThen.has(c)),
      previousOnly: [...codesThen].filter((c) => !codesNow.has(c)),
    },
    units,
  };
}
