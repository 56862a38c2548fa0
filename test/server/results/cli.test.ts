import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResultsDocument } from '../../../contract/results';
import { builtInDefinition } from '../../../questionnaires';
import { createApp } from '../../../server/app';
import { runCli } from '../../../server/cli';
import { openDb } from '../../../server/db/connect';
import { listLinks } from '../../../server/invitations/service';
import { lockRun } from '../../../server/results/service';
import { cliDatabaseUrl } from '../../db';
import { config, fullAnswers, SECRET, submissionId, submitThrough } from '../helpers';

let dir: string;
let env: NodeJS.ProcessEnv;
let err: string[];
let stdout: string[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cchc-results-'));
  env = {
    DATABASE_URL: await cliDatabaseUrl(dir),
    APP_SECRET: SECRET,
    PUBLIC_URL: config.publicUrl,
  };
  err = [];
  stdout = [];
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  expect(await runCli(['demo'], env)).toBe(0);
  // Three delegates and three office leaders answer through the respondent's API.
  const db = openDb(env.DATABASE_URL as string);
  try {
    const app = createApp({ db, config });
    const groups = new Map(builtInDefinition().groups.map((g) => [g.code, g.name]));
    const links = await listLinks(db, config, 'demo-2023', groups);
    for (const [group, option] of [
      ['HDND_HUYEN', 'A'],
      ['LD_CQCM_HUYEN', 'B'],
    ] as const) {
      for (const link of links.filter((l) => l.group_code === group).slice(0, 3)) {
        const res = await submitThrough(app, link.link.split('/s/')[1] ?? '', {
          submissionId: submissionId(),
          answers: await fullAnswers(db, group, option),
        });
        expect(res.status).toBe(201);
      }
    }
  } finally {
    await db.destroy();
  }
});
afterEach(() => vi.restoreAllMocks());

const results = (...args: string[]) => runCli(['results', '--campaign', 'demo-2023', ...args], env);
const readJsonFile = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as ResultsDocument;

describe('npm run cli -- results', () => {
  it('refuses while the campaign is open, in Vietnamese, and scores nothing', async () => {
    const file = join(dir, 'r.json');
    expect(await results('--format', 'json', '--out', file)).toBe(1);
    expect(err.join('\n')).toMatch(/^Lỗi: Đợt khảo sát chưa kết thúc/);
    const db = openDb(env.DATABASE_URL as string);
    expect(await db.selectFrom('scoringRun').selectAll().execute()).toEqual([]);
    await db.destroy();
  });

  it('writes a fresh official run when none is locked, then the last locked run, or the one asked for', async () => {
    expect(await runCli(['campaign', 'close', '--campaign', 'demo-2023'], env)).toBe(0);
    const first = join(dir, 'first.json');
    expect(await results('--format', 'json', '--out', first)).toBe(0);
    const fresh = readJsonFile(first);
    expect(fresh.method).toMatchObject({ official: true, locked: false, trial: false });
    expect(fresh.units.find((u) => u.code === '694')?.criteria[0]).toMatchObject({
      code: '1.1',
      score: 0.8,
      ratio: 0.8,
    });
    expect(err.join('\n')).toContain(`đã tính chính thức mới (lần tính ${fresh.method.runId})`);

    // Lock it: from now on the default is that run, re-exported as stored.
    const db = openDb(env.DATABASE_URL as string);
    await lockRun(db, 'demo-2023', fresh.method.runId, null);
    await db.destroy();
    const csv = join(dir, 'r.csv');
    expect(await results('--format', 'csv', '--out', csv)).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFFunit_code,unit_name,index,figure,value,note\r\n')).toBe(true);
    expect(text).toContain(`,,,run:id,${fresh.method.runId},`);
    expect(text).toContain(',,,run:status,official_locked,');
    expect(text).toContain('694,UBND huyện Hớn Quản,HUYEN,criterion:1.1:score,0.80,');

    // JSON to standard output without --out: the same numbers, now locked.
    stdout = [];
    expect(await results('--format', 'json')).toBe(0);
    const printed = JSON.parse(stdout.join('')) as ResultsDocument;
    expect(printed.method).toMatchObject({ runId: fresh.method.runId, locked: true });
    expect(printed.units).toEqual(fresh.units);
    expect(printed.fingerprint).toBe(fresh.fingerprint);

    // --run picks another run; xlsx needs --out and is a workbook with the method sheet.
    const xlsx = join(dir, 'r.xlsx');
    expect(await results('--format', 'xlsx', '--run', fresh.method.runId, '--out', xlsx)).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets.map((s) => s.name)).toContain('Phương pháp');
    expect(book.getWorksheet('Kết quả – UBND huyện')?.getRow(8).getCell(3).value).toBe(
      'UBND huyện Hớn Quản',
    );
  });

  it('explains wrong arguments and unknown runs, with a non-zero exit', async () => {
    expect(await runCli(['campaign', 'close', '--campaign', 'demo-2023'], env)).toBe(0);
    expect(await results('--format', 'xlsx')).toBe(1);
    expect(err.at(-1)).toBe('Lỗi: Định dạng xlsx cần --out FILE.');
    expect(await results('--format', 'pdf')).toBe(1);
    expect(err.at(-1)).toMatch(/--format phải là json, csv hoặc xlsx/);
    expect(await results('--format', 'json', '--run', 'nope')).toBe(1);
    expect(err.at(-1)).toBe('Lỗi: Không tìm thấy lần tính điểm này.');
    expect(await runCli(['results', '--campaign', 'nope', '--format', 'json'], env)).toBe(1);
    expect(err.at(-1)).toBe('Lỗi: Không tìm thấy đợt khảo sát.');
  });
});
