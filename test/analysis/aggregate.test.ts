import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scoreUnits } from '../../analysis/score';
import { builtInDefinition, builtInUnitSet } from '../../questionnaires';
import type { Db } from '../../server/db/connect';
import { criterionMap } from '../../server/respondent/submit';
import { addToTallies } from '../../server/respondent/tally';
import {
  answerCountQuery,
  countAnswers,
  countForms,
  formCountQuery,
  loadCounts,
  recountAnswers,
  recountForms,
} from '../../server/results/counts';
import { freshDb, onPostgres } from '../db';

/**
 * The database side on the real Hớn Quản 2023 definition: the two-questions example of the
 * docs/method.md §13 on criterion 3.2 of the district (P02 q8 and q9 are both on 3.2, P01 q8 too),
 * and the commune matrix (P05 q1 → X1.1) for the small-group rule.
 */
const definition = builtInDefinition();
const unitSet = builtInUnitSet();
const LEADERS = 'LD_CQCM_HUYEN';
const DELEGATES = 'HDND_HUYEN';

let db: Db;

async function addCampaign(id: string) {
  await db
    .insertInto('campaign')
    .values({ id, name: id, definitionId: 'def', unitSetId: 'units', createdAt: '2023-11-01' })
    .execute();
}

let serial = 0;
/** One submitted form: [questionnaire, question, unit, option] per answer; tallies kept as on submit. */
async function submit(campaignId: string, groupCode: string, answers: string[][]) {
  const submissionId = `s${serial++}`;
  const rows = answers.map(
    ([questionnaireId = '', questionId = '', unitCode = '', option = '']) => ({
      questionnaireId,
      questionId,
      unitCode,
      option: option as 'A',
    }),
  );
  await db
    .insertInto('submission')
    .values({ id: submissionId, campaignId, groupCode, contentHash: 'x' })
    .execute();
  await db
    .insertInto('answer')
    .values(rows.map((r) => ({ submissionId, campaignId, groupCode, ...r })))
    .execute();
  await addToTallies(db, campaignId, groupCode, rows, criterionMap(definition));
}

beforeEach(async () => {
  db = await freshDb();
  await db
    .insertInto('definition')
    .values({
      id: 'def',
      code: definition.code,
      version: definition.version,
      name: definition.name,
      body: JSON.stringify(definition),
      createdAt: '2023-11-01',
    })
    .execute();
  await db
    .insertInto('unitSet')
    .values({ id: 'units', code: unitSet.code, name: unitSet.name, validFrom: unitSet.validFrom })
    .execute();
  await db
    .insertInto('unit')
    .values(unitSet.units.map((u, position) => ({ ...u, unitSetId: 'units', position })))
    .execute();
  await addCampaign('c1');
  await addCampaign('c2');

  // Leaders: q8 10 × A; q9 5 × D and 5 × "Không biết". Each form counts once on 3.2.
  for (let i = 0; i < 10; i++) {
    await submit('c1', LEADERS, [
      ['P02', 'q8', '694', 'A'],
      ['P02', 'q9', '694', i < 5 ? 'D' : 'E'],
    ]);
  }
  // Delegates: P01 q8 10 × B; about communes, An Phú by 2 forms only, Tân Khai by 3.
  for (let i = 0; i < 10; i++) {
    await submit('c1', DELEGATES, [
      ['P01', 'q8', '694', 'B'],
      ['P05', 'q1', 'X-ANPHU', i < 2 ? 'A' : 'E'],
      ...(i < 3 ? [['P05', 'q1', 'TT-TANKHAI', 'B']] : []),
    ]);
  }
  // A delegate who knew nothing of 3.2: counted as excluded, not as a form with a valid answer.
  await submit('c1', DELEGATES, [['P01', 'q8', '694', 'E']]);
  // Another campaign's answers never leak in.
  await submit('c2', LEADERS, [['P02', 'q8', '694', 'D']]);
});

afterEach(async () => {
  await db.destroy();
});

const key = (r: object) => Object.values(r).join('|');

describe('countAnswers', () => {
  it('groups the campaign’s answers by unit × questionnaire × question × group × option', async () => {
    const rows = await countAnswers(db, 'c1');
    expect(rows.map(key).sort()).toEqual(
      [
        ['694', 'P01', 'q8', DELEGATES, 'B', 10],
        ['694', 'P01', 'q8', DELEGATES, 'E', 1],
        ['694', 'P02', 'q8', LEADERS, 'A', 10],
        ['694', 'P02', 'q9', LEADERS, 'D', 5],
        ['694', 'P02', 'q9', LEADERS, 'E', 5],
        ['TT-TANKHAI', 'P05', 'q1', DELEGATES, 'B', 3],
        ['X-ANPHU', 'P05', 'q1', DELEGATES, 'A', 2],
        ['X-ANPHU', 'P05', 'q1', DELEGATES, 'E', 8],
      ]
        .map((r) => r.join('|'))
        .sort(),
    );
    expect(rows.every((r) => typeof r.n === 'number')).toBe(true);
  });

  it('is empty for a campaign without answers', async () => {
    expect(await countAnswers(db, 'nope')).toEqual([]);
  });
});

describe('countForms', () => {
  it('counts forms with a valid answer per unit × criterion × group, once per form', async () => {
    const rows = await countForms(db, 'c1');
    expect(rows.map(key).sort()).toEqual(
      [
        ['694', '3.2', DELEGATES, 10],
        ['694', '3.2', LEADERS, 10],
        ['TT-TANKHAI', 'X1.1', DELEGATES, 3],
        ['X-ANPHU', 'X1.1', DELEGATES, 2],
      ]
        .map((r) => r.join('|'))
        .sort(),
    );
  });

  it('gives what a recount of the raw answers gives', async () => {
    expect((await countAnswers(db, 'c1')).map(key).sort()).toEqual(
      (await recountAnswers(db, 'c1')).map(key).sort(),
    );
    expect((await countForms(db, 'c1')).map(key).sort()).toEqual(
      (await recountForms(db, 'c1', definition)).map(key).sort(),
    );
  });

  it.each([
    ['recountAnswers', () => answerCountQuery(db, 'c1')],
    ['recountForms', () => formCountQuery(db, 'c1', definition)],
  ])('%s runs on the database (GROUP BY), not in JavaScript', async (_name, query) => {
    const compiled = query()?.compile();
    if (!compiled) throw new Error('no query');
    // SQLite's plan says "USE TEMP B-TREE FOR GROUP BY"; PostgreSQL's an Aggregate node.
    const plan = await db.executeQuery<Record<string, string>>(
      CompiledQuery.raw(`explain${onPostgres ? '' : ' query plan'} ${compiled.sql}`, [
        ...compiled.parameters,
      ]),
    );
    const lines = plan.rows.map((r) => (onPostgres ? Object.values(r)[0] : r.detail)).join('\n');
    expect(lines).toMatch(onPostgres ? /Aggregate/ : /GROUP BY|SCAN answer/);
  });
});

describe('loadCounts + scoreUnits, end to end', () => {
  it.each([
    // weighting, R(3.2, district), S = 1.50 × R, survey %
    ['EQUAL_GROUP', 0.55, 0.83, 2.77],
    ['POOLED', 0.64, 0.96, 3.2],
  ] as const)('%s', async (weighting, ratio, score, percent) => {
    const counts = await loadCounts(db, 'c1');
    const results = scoreUnits(definition, unitSet.units, counts, { method: { weighting } });
    expect(results.map((u) => u.code)).toEqual(
      unitSet.units.filter((u) => ['huyen', 'xa', 'thi_tran'].includes(u.kind)).map((u) => u.code),
    );

    const district = results.find((u) => u.code === '694');
    expect(district).toMatchObject({ index: 'HUYEN', surveyScore: score, maxScore: 30 });
    expect(district?.surveyPercent).toBe(percent);
    expect(district?.criteria.find((c) => c.code === '3.2')).toEqual({
      code: '3.2',
      score,
      max: 1.5,
      ratio,
      nValid: 25,
      nExcluded: 6,
      noData: false,
    });
    const cell = (group: string) =>
      district?.groups.find((g) => g.code === group)?.criteria.find((c) => c.code === '3.2');
    expect(cell(LEADERS)).toEqual({ code: '3.2', nForms: 10, ratio: 0.5 });
    expect(cell(DELEGATES)).toEqual({ code: '3.2', nForms: 10, ratio: 0.6 });

    // An Phú: 2 forms → score 2.00 of 2.00 published, breakdown hidden; Tân Khai: 3 → shown.
    const commune = (code: string) => results.find((u) => u.code === code);
    expect(commune('X-ANPHU')).toMatchObject({ index: 'XA', surveyScore: 2, surveyPercent: 10 });
    expect(commune('X-ANPHU')?.groups[0]?.criteria[0]).toEqual({
      code: 'X1.1',
      nForms: null,
      ratio: null,
    });
    expect(commune('TT-TANKHAI')).toMatchObject({ surveyScore: 1.2, surveyPercent: 6 });
    expect(commune('TT-TANKHAI')?.groups[0]?.criteria[0]).toEqual({
      code: 'X1.1',
      nForms: 3,
      ratio: 0.6,
    });
  });
});
