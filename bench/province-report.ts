import { type Fetched, FIRST_LOAD_BUDGET_BYTES, type FirstLoad } from './first-load';
import type { LighthouseSummary } from './lighthouse';
import type { PeerComparison } from './peer/compare';
import type { ProvinceResult } from './province';
import { API_BUDGET_MS, type TimedRequest } from './province-api';
import { CONSOLE_BUDGET_MS, type ScreenTiming } from './province-console';
import { PICKS } from './province-seed';
import { table } from './report';
import type { SlipsResult } from './slips';

/** The 2023 figures the province ones stand beside, from the same run when there is one. */
export interface Figures2023 {
  slips?: SlipsResult | string;
  firstLoad?: FirstLoad | string;
  apiView?: Fetched | null;
  peer?: PeerComparison | string;
}

/**
 * BENCHMARKS.md's "A province campaign (2026)" section: a measure per row, its value, its budget
 * and whether it is met, and the 2023 equivalent where there is one.
 */
export function provinceSection(p: ProvinceResult | string, y2023: Figures2023 = {}): string[] {
  const head = ['## Tỉnh (2026) / A province campaign (2026)', ''];
  if (typeof p === 'string') return [...head, `Not measured: ${p}`];
  const s = p.seed;
  const units = s.ratedUnits.communes + s.ratedUnits.departments;
  const rows: string[][] = [];
  const slips2023 = typeof y2023.slips === 'object' ? y2023.slips : undefined;

  if (typeof p.api === 'string') rows.push(['Console API', `not measured: ${p.api}`, '', '', '']);
  else {
    for (const x of p.api.open) {
      const was =
        x.path.endsWith('/slips') && slips2023
          ? `${count(slips2023.slips)} slips: ${ms(slips2023.firstMs)} / ${ms(slips2023.medianMs)} ms`
          : '';
      rows.push(apiRow(x, was));
    }
    for (const x of p.api.results) rows.push(apiRow(x, ''));
  }
  if (typeof p.console === 'string')
    rows.push(['Console in Chromium', `not measured: ${p.console}`, '', '', '']);
  else {
    rows.push(['Console: signing in on the login page', `${ms(p.console.loginMs)} ms`, '', '', '']);
    for (const x of p.console.screens) rows.push(screenRow(x));
  }
  rows.push(...respondentRows(p, y2023));

  const lines = [
    ...head,
    `Đồng Nai's ${s.ratedUnits.communes} communes and ${s.ratedUnits.departments} departments and ` +
      `agencies (the 20 defaults and 15 more): ${units} rated units, the 2026 province definition ` +
      `(questionnaires/tinh-2026.json). An open campaign of ${count(s.sizes.invitations)} invitations ` +
      `(${groups(s.openGroups)}) and a closed one of ${count(sum(s.closedForms))} submitted forms ` +
      `(${groups(s.closedForms)}; ${count(s.answers)} answers) with its official scoring run, in the ` +
      "bench's database. Times are the first request (nothing cached) / the median of the next ones; " +
      'a measure passes when both are within its budget.',
    '',
    ...table(['Measure', 'Value', 'Budget', 'Verdict', '2023 equivalent'], rows),
    '',
    ...notes(p),
  ];
  return lines;
}

/**
 * Answers the console expects and shows as they are: nothing to compare with before a first
 * campaign has published results.
 */
const EXPECTED_ERRORS = new Set(['no_previous_campaign']);

function apiRow(x: TimedRequest, was: string): string[] {
  const worst = Math.max(x.firstMs, x.medianMs);
  const answered = x.status === 200 || (x.status < 500 && EXPECTED_ERRORS.has(x.code ?? ''));
  const size = `${kb(x.wireBytes)}${x.gzipped ? ' gzip' : ''}${x.items === undefined ? '' : `, ${count(x.items)} ${x.path.endsWith('/slips') ? 'slips' : 'rows'}`}`;
  return [
    `API: ${x.label} \`GET ${x.path}\``,
    answered
      ? `${ms(x.firstMs)} / ${ms(x.medianMs)} ms (${x.status === 200 ? size : `${x.status} ${x.code}`})`
      : `answered ${x.status}${x.code ? ` ${x.code}` : ''}`,
    `< ${API_BUDGET_MS} ms`,
    answered ? verdict(worst < API_BUDGET_MS) : '**failed**',
    was,
  ];
}

function screenRow(x: ScreenTiming): string[] {
  return [
    `Console: ${x.label} \`${x.path}\``,
    `${ms(x.firstMs)} / ${ms(x.medianMs)} ms (${x.shown}; content at ${ms(x.contentFirstMs)} / ${ms(x.contentMedianMs)} ms)`,
    `< ${CONSOLE_BUDGET_MS} ms`,
    verdict(Math.max(x.firstMs, x.medianMs) < CONSOLE_BUDGET_MS),
    '',
  ];
}

function respondentRows(p: ProvinceResult, y: Figures2023): string[][] {
  const rows: string[][] = [];
  const demo = typeof y.firstLoad === 'object' ? wire(y.firstLoad.resources) : undefined;
  const was = demo === undefined ? '' : `the 2023 demo: ${bytes(demo)}`;
  if (typeof p.firstLoad === 'string')
    rows.push(["A delegate's first load", `not measured: ${p.firstLoad}`, '', '', was]);
  else {
    const total = wire(p.firstLoad.resources);
    rows.push([
      `A delegate's first load \`GET /s/<token>\` + assets (gzip)`,
      `${bytes(total)} (${p.firstLoad.resources.length} files)`,
      `≤ ${bytes(FIRST_LOAD_BUDGET_BYTES)}`,
      verdict(total <= FIRST_LOAD_BUDGET_BYTES && p.firstLoad.missing.length === 0),
      was,
    ]);
  }
  const view = typeof p.view === 'object' ? p.view : undefined;
  rows.push([
    'Then the form fetches `GET /api/s/<token>` (its questionnaires and units)',
    view ? `${bytes(view.wireBytes)} gzip, ${bytes(view.rawBytes)} raw` : `not measured: ${p.view}`,
    'not in the budget',
    '',
    y.apiView ? `an office leader of 2023: ${bytes(y.apiView.wireBytes)} gzip` : '',
  ]);
  const peer = typeof p.peer === 'object' ? p.peer : undefined;
  const peer2023 = typeof y.peer === 'object' ? y.peer : undefined;
  if (peer) {
    const sj = wire(peer.surveyjs.firstLoad.resources);
    const sj2023 = peer2023 ? wire(peer2023.surveyjs.firstLoad.resources) : undefined;
    rows.push([
      'SurveyJS, the same form: first load (gzip)',
      bytes(sj),
      '',
      '',
      sj2023 === undefined ? '' : `2023: ${bytes(sj2023)}`,
    ]);
  }
  const ours =
    lighthouseOf(p.peer, 'ours') ?? (typeof p.lighthouse === 'object' ? p.lighthouse : undefined);
  const theirs = lighthouseOf(p.peer, 'surveyjs');
  const ours2023 = lighthouseOf(y.peer, 'ours');
  const theirs2023 = lighthouseOf(y.peer, 'surveyjs');
  const lhProblem =
    typeof p.peer === 'string'
      ? p.peer
      : typeof p.peer.lighthouse === 'string'
        ? p.peer.lighthouse
        : '';
  if (ours) {
    rows.push([
      `Lighthouse (mobile), ours: score, LCP, TBT (median of ${ours.runs.length})`,
      lh(ours),
      '',
      '',
      ours2023 ? `2023: ${lh(ours2023)}` : '',
    ]);
  } else rows.push(['Lighthouse (mobile), ours', `not measured: ${lhProblem}`, '', '', '']);
  if (theirs) {
    rows.push([
      'Lighthouse (mobile), SurveyJS: score, LCP, TBT',
      lh(theirs),
      '',
      '',
      theirs2023 ? `2023: ${lh(theirs2023)}` : '',
    ]);
  }
  if (typeof p.submit === 'string')
    rows.push(["A delegate's submit", `not measured: ${p.submit}`, '', '', '']);
  else {
    rows.push([
      `A delegate's submit \`POST /api/s/<token>/submit\` (${count(p.submit.answers)} answers)`,
      `${ms(p.submit.ms)} ms, ${bytes(p.submit.bodyBytes)} body`,
      '',
      '',
      '',
    ]);
  }
  return rows;
}

function lighthouseOf(p: PeerComparison | string | undefined, side: 'ours' | 'surveyjs') {
  return typeof p === 'object' && typeof p.lighthouse === 'object' ? p.lighthouse[side] : undefined;
}

const lh = (l: LighthouseSummary) =>
  `${l.median.score ?? '–'}, ${ms(l.median.lcpMs)} ms, ${ms(l.median.tbtMs)} ms`;

function notes(p: ProvinceResult): string[] {
  const s = p.seed;
  const t = s.timings;
  const lines = [
    `How: the seeding goes through the server's own functions before the server starts ` +
      `(addRespondents ${sec(t.openInvitesMs)} for the open campaign; the closed one's forms as ` +
      `storeSubmission writes them, insertAnonymousForm with its tallies, ${sec(t.formsMs)}; ` +
      `closing it, which rebuilds the file, ${sec(t.closeMs)}; createRun ${sec(t.runMs)}). ` +
      `A delegate rates ${PICKS.communes} of the communes and ${PICKS.departments} departments, ` +
      'department staff 12 communes, commune staff 5 departments; every other unit is "Không ' +
      'biết" (E), as the form submits it: every question × every unit.',
    'The API rows: an officer (the open campaign) and an analyst (the closed one) signed in ' +
      'through `POST /api/auth/login`, each request alone with `Accept-Encoding: gzip`, until the ' +
      'whole body has arrived. The results rows are every request the results screen makes when ' +
      'it opens (the list below is what Chromium saw).',
  ];
  if (typeof p.api === 'object' && !p.api.invitationsPaged) {
    lines.push(
      'The invitations list does not page yet: its row is the whole list, which the console ' +
        'loads and draws at once.',
    );
  }
  if (typeof p.console === 'object') {
    lines.push(
      `The console rows: Debian's Chromium (playwright-core, headless) at 1366×800, signed in on ` +
        `the login page; each screen opened by its address ${p.console.screens[0]?.rounds ?? '?'} ` +
        'times, the first with nothing cached. Time from navigation until the main content is in ' +
        "the page (the tracking table, the invitations table, the slips, the run's heading), the " +
        'load event has fired, no "Đang tải…" is left and a requestIdleCallback has come back; ' +
        '"content at" is when that main content first showed.',
    );
    for (const x of p.console.screens) {
      if (x.requests.length > 0)
        lines.push(`${x.label} requested: ${x.requests.map((r) => `\`${r}\``).join(', ')}.`);
    }
  }
  lines.push(
    "The delegate's first load and Lighthouse run on a council delegate's own link of the open " +
      'campaign (each run a link never opened); SurveyJS renders the same view converted as in ' +
      "the section above it. The submit is one more delegate's whole form, after the form's first " +
      `open. This section took ${p.durationS.toFixed(0)} s.`,
  );
  return lines.map((l) => `- ${l}`);
}

const verdict = (ok: boolean) => (ok ? 'pass' : '**fail**');
const wire = (f: Fetched[]) => f.reduce((n, x) => n + x.wireBytes, 0);
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
const groups = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([g, n]) => `${g} ${count(n)}`)
    .join(', ');
const count = (n: number) => n.toLocaleString('en-US');
const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;
const kb = (n: number) => `${(n / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`;
const ms = (n: number) => (Number.isNaN(n) ? '–' : n >= 10 ? n.toFixed(0) : n.toFixed(1));
const sec = (n: number) => `${(n / 1000).toFixed(1)} s`;
