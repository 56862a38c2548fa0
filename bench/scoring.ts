import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { scoreUnits } from '../analysis/score';
import type { AnswerCount, FormCount, UnitRef } from '../analysis/types';
import { questionnairesFor } from '../contract/questionnaires-for';
import { builtInDefinition, builtInUnitSet, type Definition } from '../questionnaires';
import { createCampaign } from '../server/campaigns/service';
import { migrateToLatest, openDb } from '../server/db/connect';
import { loadCounts, recountAnswers, recountForms } from '../server/results/counts';
import { type ExportsResult, measureExports } from './xlsx-export';

/** One timing, in ms: the median of `runs` runs after one untimed warm-up run. */
export interface Timing {
  median: number;
  min: number;
  runs: number;
}

export interface ScoringSize {
  label: string;
  answers: number;
  forms: number;
  /** Rows in the answer table, every campaign (more than `answers` for the "beside" case). */
  tableAnswers: number;
  seedMs: number;
  answerTallyRows: number;
  formTallyRows: number;
  /** (a) What a scoring run reads and computes: loadCounts (the tallies) + scoreUnits. */
  loadCounts: Timing;
  scoreUnits: Timing;
  /** loadCounts + scoreUnits, their medians summed. */
  scoring: number;
  /** (b) The auditor's recount: GROUP BY over the raw answers through Kysely. */
  recountAnswers: Timing;
  recountForms: Timing;
  /** recountAnswers + recountForms, their medians summed. */
  recount: number;
  /** (c) The bare `GROUP BY unit, questionnaire, question, group, option` in better-sqlite3. */
  bareGroupBy: Timing;
  /** Whether the tallies (a) and the recount (b) gave the same counts. */
  countsAgree: boolean;
  /** SQLite's plan for the bare GROUP BY. */
  plan: string;
}

export interface ScoringResult {
  sizes: ScoringSize[];
  /** The .xlsx exports of the largest campaign, or why they could not be made. */
  exports?: ExportsResult | string;
  /** Sizes not measured, and why. */
  skipped: string[];
}

/** Answer options as people give them: mostly A–B, some "Không biết" (E). */
const OPTIONS = 'AAAABBBCCDE';

/**
 * Campaigns of about 10k, 100k and 1M answers, each alone in its own file database (the
 * recount's GROUP BY reads the whole answer table: other campaigns would count), then the
 * 10k campaign again beside the 1M one. Forms cycle through the four groups of the built-in
 * definition, each answering all its questions about all its units (20 to 180 answers).
 */
export async function measureScoring(
  dir: string,
  sizes: number[],
  log: (m: string) => void,
): Promise<ScoringResult> {
  const result: ScoringResult = { sizes: [], skipped: [] };
  const definition = builtInDefinition();
  const unitSet = builtInUnitSet();
  const units: UnitRef[] = unitSet.units.map((u) => ({
    code: u.code,
    name: u.name.normalize('NFC'),
    kind: u.kind,
  }));
  const largest = Math.max(...sizes);
  for (const target of sizes) {
    const path = join(dir, `scoring-${target}.sqlite`);
    log(`scoring: seeding ${target.toLocaleString('en-US')} answers…`);
    const db = openDb(path);
    let campaignId: string;
    try {
      await migrateToLatest(db);
      campaignId = await newCampaign(db, definition, unitSet);
    } finally {
      await db.destroy();
    }
    const seeded = seedAnswers(path, campaignId, definition, units, target);
    log(`scoring: timing ${target.toLocaleString('en-US')} answers…`);
    result.sizes.push(
      await timeScoring(path, campaignId, definition, units, seeded, sizeLabel(target)),
    );
    if (target === largest) {
      // Before the smaller campaign joins it: the exports read this campaign's rows only anyway.
      result.exports = await measureExports(
        dir,
        path,
        campaignId,
        { label: sizeLabel(target), answers: seeded.answers, forms: seeded.forms },
        log,
      ).catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
    }
    if (target === largest && sizes.length > 1) {
      // The smallest campaign again, in the largest's database: the recount has no index on
      // campaign_id, so it reads every campaign's answers.
      const small = Math.min(...sizes);
      const db2 = openDb(path);
      let smallId: string;
      try {
        smallId = await newCampaign(db2, definition, unitSet);
      } finally {
        await db2.destroy();
      }
      log(`scoring: ${small.toLocaleString('en-US')} answers beside the largest campaign…`);
      const beside = seedAnswers(path, smallId, definition, units, small);
      result.sizes.push(
        await timeScoring(
          path,
          smallId,
          definition,
          units,
          beside,
          `${sizeLabel(small)} beside ${sizeLabel(target)}`,
        ),
      );
    }
  }
  return result;
}

const sizeLabel = (n: number) =>
  n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);

export function newCampaign(
  db: Parameters<typeof createCampaign>[0],
  definition: Definition,
  unitSet: ReturnType<typeof builtInUnitSet>,
) {
  return createCampaign(db, {
    name: 'Benchmark: scoring',
    definition,
    unitSet,
    opensAt: '2023-01-01T00:00:00Z',
    closesAt: '2023-02-01T00:00:00Z',
  });
}

interface Seeded {
  answers: number;
  forms: number;
  seedMs: number;
  answerTallyRows: number;
  formTallyRows: number;
}

/**
 * BENCHMARK SEEDING ONLY, not the application's path: submissions, answers and both tallies
 * written with prepared better-sqlite3 statements in one transaction, the tallies summed in
 * memory as addToTallies would have (+1 per answer; +1 per form per unit × criterion with a
 * valid answer). Forms are added until `target` answers are reached (the last may overshoot).
 */
export function seedAnswers(
  path: string,
  campaignId: string,
  definition: Definition,
  units: UnitRef[],
  target: number,
): Seeded {
  const t = performance.now();
  const criteria = new Map<string, string>();
  for (const q of definition.questionnaires)
    for (const x of q.questions) criteria.set(`${q.id}\u0000${x.id}`, x.criterion);
  const templates = definition.groups.map((g) => {
    const answers = questionnairesFor(definition, g.code, units)
      .flatMap((q) =>
        q.questions.flatMap((question) =>
          q.units.map((u) => ({
            questionnaireId: q.id,
            questionId: question.id,
            unitCode: u.code,
            criterion: criteria.get(`${q.id}\u0000${question.id}`) ?? '',
            key: `${q.id}\u0000${question.id}\u0000${u.code}`,
          })),
        ),
      )
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    return { groupCode: g.code, answers, lines: answers.map((a) => a.key) };
  });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  const insertSubmission = sqlite.prepare(
    'INSERT INTO submission (id, campaign_id, group_code, content_hash) VALUES (?, ?, ?, ?)',
  );
  const insertAnswer = sqlite.prepare(
    'INSERT INTO answer (submission_id, campaign_id, group_code, questionnaire_id, question_id, unit_code, option) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAnswerTally = sqlite.prepare(
    'INSERT INTO answer_tally (campaign_id, unit_code, questionnaire_id, question_id, group_code, option, n) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertFormTally = sqlite.prepare(
    'INSERT INTO form_tally (campaign_id, unit_code, criterion_code, group_code, n) VALUES (?, ?, ?, ?, ?)',
  );
  const answerTally = new Map<string, number>();
  const formTally = new Map<string, number>();
  let answers = 0;
  let forms = 0;
  let seed = 1;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  sqlite.transaction(() => {
    while (answers < target) {
      const template = templates[forms % templates.length];
      if (!template) break;
      const { groupCode } = template;
      const submissionId = randomBytes(16).toString('base64url');
      const options = template.answers.map(
        () => OPTIONS[Math.floor(random() * OPTIONS.length)] as string,
      );
      // The content hash as insertAnonymousForm makes it (the id, then the answers in key order,
      // which is the templates' order): unique, as the scoring run's fingerprint expects.
      const contentHash = createHash('sha256')
        .update(submissionId)
        .update(template.lines.map((line, i) => `${line}\u0000${options[i]}`).join('\n'))
        .digest('base64url');
      insertSubmission.run(submissionId, campaignId, groupCode, contentHash);
      const cells = new Set<string>();
      for (const [i, a] of template.answers.entries()) {
        const option = options[i] as string;
        insertAnswer.run(
          submissionId,
          campaignId,
          groupCode,
          a.questionnaireId,
          a.questionId,
          a.unitCode,
          option,
        );
        const key = [a.unitCode, a.questionnaireId, a.questionId, groupCode, option].join('\0');
        answerTally.set(key, (answerTally.get(key) ?? 0) + 1);
        if (option !== 'E' && a.criterion) cells.add(`${a.unitCode}\0${a.criterion}`);
      }
      for (const cell of cells) {
        const key = `${cell}\0${groupCode}`;
        formTally.set(key, (formTally.get(key) ?? 0) + 1);
      }
      answers += template.answers.length;
      forms++;
    }
    for (const [key, n] of answerTally) insertAnswerTally.run(campaignId, ...key.split('\0'), n);
    for (const [key, n] of formTally) insertFormTally.run(campaignId, ...key.split('\0'), n);
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return {
    answers,
    forms,
    seedMs: performance.now() - t,
    answerTallyRows: answerTally.size,
    formTallyRows: formTally.size,
  };
}

async function timeScoring(
  path: string,
  campaignId: string,
  definition: Definition,
  units: UnitRef[],
  seeded: Seeded,
  label: string,
): Promise<ScoringSize> {
  // The 1M recount takes seconds: two rounds there keep the whole benchmark within minutes.
  const runs = seeded.answers > 200_000 ? 2 : 5;
  const db = openDb(path);
  const sqlite = new SQLite(path, { readonly: true });
  try {
    const bareSql =
      'SELECT unit_code, questionnaire_id, question_id, group_code, option, count(*) AS n ' +
      'FROM answer WHERE campaign_id = ? ' +
      'GROUP BY unit_code, questionnaire_id, question_id, group_code, option';
    const bare = sqlite.prepare(bareSql);
    const plan = (
      sqlite.prepare(`EXPLAIN QUERY PLAN ${bareSql}`).all(campaignId) as {
        detail: string;
      }[]
    )
      .map((r) => r.detail)
      .join('; ');
    const tableAnswers = (sqlite.prepare('SELECT count(*) AS n FROM answer').get() as { n: number })
      .n;

    const counts = await loadCounts(db, campaignId);
    const recounted: { answers: AnswerCount[]; forms: FormCount[] } = { answers: [], forms: [] };
    const t = await timeInTurn(runs, {
      loadCounts: () => loadCounts(db, campaignId),
      scoreUnits: async () => scoreUnits(definition, units, counts),
      recountAnswers: async () => {
        recounted.answers = await recountAnswers(db, campaignId);
      },
      recountForms: async () => {
        recounted.forms = await recountForms(db, campaignId, definition);
      },
      bareGroupBy: async () => bare.all(campaignId),
    });
    return {
      label,
      answers: seeded.answers,
      forms: seeded.forms,
      tableAnswers,
      seedMs: seeded.seedMs,
      answerTallyRows: seeded.answerTallyRows,
      formTallyRows: seeded.formTallyRows,
      ...t,
      scoring: t.loadCounts.median + t.scoreUnits.median,
      recount: t.recountAnswers.median + t.recountForms.median,
      countsAgree:
        sameCounts(counts.answers, recounted.answers, answerKey) &&
        sameCounts(counts.forms, recounted.forms, formKey),
      plan,
    };
  } finally {
    sqlite.close();
    await db.destroy();
  }
}

/**
 * One untimed warm-up run of each, then `runs` rounds in which each runs once in turn: a burst
 * of other work on the machine then hits every measurement alike. Medians per measurement.
 */
async function timeInTurn<K extends string>(
  runs: number,
  fns: Record<K, () => Promise<unknown>>,
): Promise<Record<K, Timing>> {
  const entries = Object.entries(fns) as [K, () => Promise<unknown>][];
  for (const [, fn] of entries) await fn();
  const times = new Map<K, number[]>(entries.map(([k]) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of entries) {
      const t = performance.now();
      await fn();
      times.get(k)?.push(performance.now() - t);
    }
  }
  return Object.fromEntries(
    entries.map(([k]) => {
      const sorted = (times.get(k) ?? []).sort((a, b) => a - b);
      return [k, { median: median(sorted), min: sorted[0] ?? Number.NaN, runs }];
    }),
  ) as Record<K, Timing>;
}

/** The median of sorted values (the mean of the middle two for an even count). */
function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const answerKey = (a: AnswerCount) =>
  [a.unitCode, a.questionnaireId, a.questionId, a.groupCode, a.option, a.n].join('\0');
const formKey = (f: FormCount) => [f.unitCode, f.criterion, f.groupCode, f.n].join('\0');

function sameCounts<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): boolean {
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}
