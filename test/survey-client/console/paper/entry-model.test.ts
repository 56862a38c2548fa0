import { describe, expect, it } from 'vitest';
import { builtInDefinition, builtInUnitSet } from '../../../../questionnaires';
import type { AnswerProblem } from '../../../../server/respondent/validate';
import * as M from '../../../../survey-client/console/paper/entry-model';
import { cellsOf, sheetSets, sheetsOf } from '../../../../survey-client/console/paper/sheets';

const definition = builtInDefinition();
const units = builtInUnitSet().units.map((u) => ({ ...u, parentCode: u.parentCode ?? null }));
const sets = sheetSets(definition);
/** The commune leaders' sheets: P03 (a row per commune) with a comment, and the demographics. */
const sheets = sheetsOf(definition, 'LD_UBND_XA', units);
const cells = cellsOf(sheets.questionnaires);
const [first] = cells;
const fresh = () => ({ ...M.initialEntry(sets), groupCode: 'LD_UBND_XA' });
const typedState = () =>
  M.demographic(M.comment(M.answer(fresh(), first?.key ?? '', 'B'), 'P03', ' tốt '), 'x', '');

describe('the paper entry model', () => {
  it('starts empty, with the only sheet set chosen when there is one', () => {
    expect(M.initialEntry(sets).groupCode).toBe('');
    expect(M.initialEntry(sets.slice(0, 1)).groupCode).toBe(sets[0]?.groupCode);
    expect(M.initialEntry(sets)).toMatchObject({ serial: '', entered: 0, busy: false });
  });

  it.each([
    ['a box marked', (s: M.EntryState) => M.answer(s, first?.key ?? '', 'A'), true],
    [
      'a box marked then cleared',
      (s: M.EntryState) => M.answer(M.answer(s, first?.key ?? '', 'A'), first?.key ?? '', null),
      false,
    ],
    ['a comment of spaces', (s: M.EntryState) => M.comment(s, 'P03', '   '), false],
    ['a comment', (s: M.EntryState) => M.comment(s, 'P03', 'ý kiến'), true],
    ['a demographic chosen', (s: M.EntryState) => M.demographic(s, 'age', '30-39'), true],
    ['the sheet cleared', (s: M.EntryState) => M.clearSheet(M.answer(s, 'k', 'A')), false],
  ])('%s: typed is %s', (_, step, typed) => {
    expect(M.isTyped(step(fresh()), cells)).toBe(typed);
  });

  const step = (f: (s: M.EntryState) => M.EntryState) => f;
  it.each([
    [
      'typing a serial forgets what was said of the last one',
      { ...fresh(), serialProblem: 'x', found: 'P03', saved: { serial: 'S', group: 'G' } },
      step((s) => M.typeSerial(s, 'K7')),
      { serial: 'K7', serialProblem: '', found: null, saved: null },
    ],
    [
      'picking another set clears the sheet',
      { ...typedState(), pickProblem: true, mismatch: true },
      step((s) => M.pickSet(s, 'HDND_HUYEN')),
      { groupCode: 'HDND_HUYEN', pickProblem: false, answers: {}, comments: {}, mismatch: false },
    ],
    [
      'a save clears the sheet and the serial, and counts the form',
      { ...typedState(), serial: 'K7', entered: 2 },
      step((s) => M.entrySaved(s, { serial: 'K7', group: 'G' })),
      { serial: '', answers: {}, entered: 3, saved: { serial: 'K7', group: 'G' } },
    ],
    [
      'a save leaves no line about the saved serial (issue #13.13)',
      { ...typedState(), serial: 'K7', found: 'Phiếu số 03', error: new Error('x') },
      step((s) => M.entrySaved(s, { serial: 'K7', group: 'G' })),
      { found: null, serialProblem: '', pickProblem: false, error: null, blanks: new Set() },
    ],
  ])('%s', (_, start, transition, expected) => {
    expect(transition(start)).toMatchObject(expected);
  });

  it.each([
    [
      'a serial with a problem stays on the serial',
      { serialProblem: 'x', groupCode: 'G' },
      'serial',
    ],
    ['sheets shown: their first box', { serialProblem: '', groupCode: 'G' }, 'boxes'],
    ['no sheets known: the choice of sheets', { serialProblem: '', groupCode: '' }, 'sheets'],
  ] as const)('Enter after the serial: %s', (_, patch, to) => {
    expect(M.afterSerial({ ...fresh(), ...patch })).toBe(to);
  });

  it('sends empty boxes as E, comments the sheets ask trimmed, no empty demographics', () => {
    const s = M.comment(M.comment(typedState(), 'P99', 'not asked'), 'P03', ' tốt ');
    const body = M.entryBody(s, 'K7QM-4X2P-R', sheets, cells);
    expect(body.serial).toBe('K7QM-4X2P-R');
    expect(body.answers).toHaveLength(cells.length);
    expect(body.answers[0]?.option).toBe('B');
    expect(body.answers[1]?.option).toBe('E');
    expect(body.comments).toEqual({ P03: 'tốt' });
    expect('demographics' in body).toBe(false);
    expect(M.emptyCells(s, cells)).toHaveLength(cells.length - 1);
  });

  const problem = (
    questionnaireId: string,
    questionId = '1',
    unitCode?: string,
  ): AnswerProblem => ({
    questionnaireId,
    questionId,
    unitCode,
    message: `${questionnaireId} ${questionId}`,
  });
  const onFirst = problem(first?.questionnaireId ?? '', first?.questionId ?? '', first?.unitCode);
  const allOfP03 = cells.map((c) => problem(c.questionnaireId, c.questionId, c.unitCode));

  it.each([
    ['serial_used', undefined, { serialProblem: 'used' }, { to: 'serial' }],
    ['invalid_serial', undefined, { serialProblem: 'used' }, { to: 'serial' }],
    [
      'invalid_answers',
      [onFirst],
      { problems: [onFirst], mismatch: false },
      { to: 'cell', key: first?.key },
    ],
    ['invalid_answers', [problem('P01')], { mismatch: true }, null],
    ['invalid_answers', allOfP03, { mismatch: true }, { to: 'cell', key: first?.key }],
    ['busy', undefined, { serialProblem: '', problems: [] }, null],
  ])('a save refused with %s', (code, details, state, focus) => {
    const failure = { code, message: 'used', details };
    const err = new Error('refused');
    expect(M.saveFailed(fresh(), err, failure, sheets)).toMatchObject(state);
    expect(M.focusAfterFailure(failure)).toEqual(focus);
  });

  it('places problems by cell, by question, and lists the rest', () => {
    const stray = problem('P01', '2', 'X');
    const problems = [onFirst, problem('P03', 'comment'), stray];
    expect(M.problemsByCell(problems).get(first?.key ?? '')).toEqual([onFirst.message]);
    expect(M.problemsElsewhere(problems, cells, sheets)).toEqual([stray]);
    expect(M.problemOf(problems, 'P03', 'comment')).toBe('P03 comment');
  });
});
