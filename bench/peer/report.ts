import type { Fetched } from '../first-load';
import type { LighthouseRun, LighthouseSummary } from '../lighthouse';
import type { PeerComparison, RenderCheck } from './compare';

/**
 * The BENCHMARKS.md section of bench/peer/compare.ts: our first load beside SurveyJS's, the
 * ratios, what the screenshots show, and how the comparison was kept fair.
 */
export function peerSection(p: PeerComparison | string | undefined): string[] {
  const head = ["## The respondent's first load beside SurveyJS (the same questionnaire)", ''];
  if (p === undefined) return [];
  if (typeof p === 'string') return [...head, `Not measured: ${p}`];
  const v = p.versions;
  const sj = `SurveyJS ${v['survey-core']}`;
  const q = p.questionnaire;
  const countsAgree =
    q.counts.pages === q.expected.pages &&
    q.counts.questions === q.expected.questions &&
    q.counts.ratings === q.expected.ratings;
  const lines = [
    ...head,
    `The demo link's form (${q.group}: ${q.titles.join('; ')}) rendered by our form (Preact ` +
      `${v.preact}) and by ${sj} (survey-core + survey-js-ui ${v['survey-js-ui']}, its default ` +
      `theme, in Vietnamese), both built by vite ${v.vite}, served by Hono ${v.hono} with gzip and ` +
      'measured in this run.',
    '',
    ...table(['', 'Ours', sj, `${sj} ÷ ours`], rows(p)),
    '',
  ];
  lines.push(...lighthouseLines(p), ...renderLines(p.render));
  lines.push(
    `The SurveyJS JSON has ${q.counts.pages} pages, ${q.counts.questions} questions and ` +
      `${q.counts.ratings} rating answers, ${countsAgree ? 'as' : '**but**'} our view has ` +
      `${q.expected.pages} screens before the review, ${q.expected.questions} questions and ` +
      `${q.expected.ratings} rating answers; survey-core's own parser, run in Node, reads ` +
      `${q.model}. The SurveyJS page built in ${(p.buildMs / 1000).toFixed(1)} s; the whole ` +
      `comparison took ${p.durationS.toFixed(0)} s.`,
    '',
    'How the comparison is kept fair:',
    '',
    ...methodNotes(p).map((n) => `- ${n}`),
  );
  return lines;
}

function rows(p: PeerComparison): string[][] {
  const wire = (f: Fetched[]) => f.reduce((n, x) => n + x.wireBytes, 0);
  const raw = (f: Fetched[]) => f.reduce((n, x) => n + x.rawBytes, 0);
  const ours = p.ours.firstLoad.resources;
  const theirs = p.surveyjs.firstLoad.resources;
  const kinds = (f: Fetched[]) =>
    (['html', 'js', 'css', 'other'] as const)
      .map((k) => [k, f.filter((x) => x.kind === k).length] as const)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k.toUpperCase()}`)
      .join(' + ');
  const out: string[][] = [
    [
      '**First load, transferred (gzip)**',
      `**${bytes(wire(ours))}**`,
      `**${bytes(wire(theirs))}**`,
      `**${ratio(wire(theirs) / wire(ours))}**`,
    ],
    ['First load, raw', bytes(raw(ours)), bytes(raw(theirs)), ratio(raw(theirs) / raw(ours))],
    ['First load, files', kinds(ours), kinds(theirs), ''],
    [
      'Then `GET /api/s/<token>` (the questionnaire), gzip',
      bytes(p.ours.api.wireBytes),
      bytes(p.surveyjs.api.wireBytes),
      ratio(p.surveyjs.api.wireBytes / p.ours.api.wireBytes),
    ],
  ];
  if (typeof p.lighthouse !== 'string') {
    const a = p.lighthouse.ours.median;
    const b = p.lighthouse.surveyjs.median;
    const n = p.lighthouse.runs;
    out.push(
      [
        `**Lighthouse performance score** (median of ${n})`,
        `**${a.score ?? '–'}**`,
        `**${b.score ?? '–'}**`,
        '',
      ],
      [
        '**Largest Contentful Paint**',
        `**${secs(a.lcpMs)}**`,
        `**${secs(b.lcpMs)}**`,
        ratio(b.lcpMs / a.lcpMs),
      ],
      ['First Contentful Paint', secs(a.fcpMs), secs(b.fcpMs), ratio(b.fcpMs / a.fcpMs)],
      [
        'Total Blocking Time',
        msec(a.tbtMs),
        msec(b.tbtMs),
        a.tbtMs > 0 ? ratio(b.tbtMs / a.tbtMs) : '',
      ],
      ['Cumulative Layout Shift', a.cls.toFixed(3), b.cls.toFixed(3), ''],
      [
        'Speed Index',
        secs(a.speedIndexMs),
        secs(b.speedIndexMs),
        ratio(b.speedIndexMs / a.speedIndexMs),
      ],
      ['Lighthouse: requests', String(a.requests), String(b.requests), ''],
      [
        'Lighthouse: total transfer (with headers)',
        bytes(a.transferBytes),
        bytes(b.transferBytes),
        ratio(b.transferBytes / a.transferBytes),
      ],
    );
  }
  return out;
}

function lighthouseLines(p: PeerComparison): string[] {
  const lh = p.lighthouse;
  if (typeof lh === 'string') return [`Lighthouse: not measured: ${lh}`, ''];
  const runs = (s: LighthouseSummary) =>
    s.runs.map((r) => `${r.score ?? '–'} (LCP ${secs(r.lcpMs)}, TBT ${msec(r.tbtMs)})`).join(', ');
  const all: LighthouseRun[] = [...lh.ours.runs, ...lh.surveyjs.runs];
  const bench = all.map((r) => r.benchmarkIndex);
  const problems = all.map((r) => r.problem).filter((x): x is string => x !== null);
  return [
    `Lighthouse runs in order, score (LCP, TBT): ours ${runs(lh.ours)}; SurveyJS ${runs(lh.surveyjs)}. ` +
      `Lighthouse's BenchmarkIndex of this machine went from ${Math.min(...bench).toFixed(0)} to ` +
      `${Math.max(...bench).toFixed(0)} over the runs ` +
      `(the TBT and the CPU share of the other times follow it). ${lh.durationS.toFixed(0)} s ` +
      'of Lighthouse in all.' +
      (problems.length ? ` Lighthouse warned: ${[...new Set(problems)].join(' ')}` : ''),
    '',
    `Largest contentful paint element (first run): ours \`${lh.ours.runs[0]?.lcpElement ?? '?'}\`; ` +
      `SurveyJS \`${lh.surveyjs.runs[0]?.lcpElement ?? '?'}\`. In the unthrottled loads the ` +
      `simulation starts from (medians), ours painted first at ${msec(lh.ours.median.observedFcpMs)} ` +
      `and largest at ${msec(lh.ours.median.observedLcpMs)}, SurveyJS at ` +
      `${msec(lh.surveyjs.median.observedFcpMs)} and ${msec(lh.surveyjs.median.observedLcpMs)}; ` +
      'SurveyJS first paints its placeholder «Đang tải phiếu khảo sát…», ours the welcome the ' +
      'server drew into the page. Lighthouse simulates FCP and LCP from the requests finished ' +
      'by the moment they were painted in that load: when the script of ours has arrived from ' +
      "127.0.0.1 before Chromium's first paint, it counts as if the welcome waited for it (it " +
      'does not: on a phone the script comes a round trip after the page), and that run reads ' +
      'slower. So the times can move a lot from run to run (FCP here SurveyJS ' +
      `${spread(lh.surveyjs, 'fcpMs')}, ours ${spread(lh.ours, 'fcpMs')}; LCP ours ` +
      `${spread(lh.ours, 'lcpMs')}).`,
    '',
  ];
}

function renderLines(r: PeerComparison['render']): string[] {
  if (typeof r === 'string') {
    return [`**Screenshots not taken** (${r}): nothing shows that the SurveyJS page rendered.`, ''];
  }
  const shots = [...r.ours.screenshots, ...r.surveyjs.screenshots].map((s) => `\`${s}\``);
  const what = (x: RenderCheck) =>
    `"${x.secondTitle}", ${x.questions.length} question${x.questions.length === 1 ? '' : 's'}`;
  const verdict = r.problems.length
    ? `**The two pages differ: ${r.problems.join('; ')}.**`
    : `Both show the welcome to the same group, then, after "next", the same screen (${what(r.surveyjs)}) ` +
      `with the same options (${r.surveyjs.options.join(', ') || 'none'}), and no error in the page.`;
  return [
    `Screenshots at 360×740 in Debian's Chromium (playwright-core), first screen and second: ${shots.join(', ')}. ${verdict}`,
    '',
  ];
}

function methodNotes(p: PeerComparison): string[] {
  const v = p.versions;
  return [
    "**Same questionnaire**: the demo link's SurveyView, fetched from our running server and " +
      'converted by bench/peer/to-surveyjs.ts into a page per screen of our form: the welcome (an ' +
      'html element with the same text), per matrix questionnaire a checkbox page of the communes ' +
      '(with "select all"), a page per field with a radiogroup per question (a matrix, a row per ' +
      'commune shown only when ticked, for Phiếu 05), a comment for the open question, optional ' +
      "radiogroups that can be cleared for the demographics, and SurveyJS's preview for our review " +
      'screen. Same Vietnamese texts, same options in the same order, "Không biết/Không trả lời" ' +
      'last; progress bar on top, by pages; locale "vi" (survey-core/i18n/vietnamese).',
    '**Loaded as each is made**: the SurveyJS page renders after its script has fetched the ' +
      'questionnaire from `GET /api/s/<token>` (the peer server answers the converted JSON with ' +
      '`no-store`). Ours, on a link never opened, brings the first screen in the page (the ' +
      "welcome: campaign, group, the questionnaires' titles, and the claim, in a " +
      '`<script type="application/json">` element: server/respondent/first-screen.ts), counted in ' +
      'its first load, and fetches the rest of the questionnaire while the welcome is read. ' +
      'SurveyJS has no welcome without its questionnaire: giving it the whole JSON in the page ' +
      'would add it to a first load already ×20 ours.',
    `**Built the same way**: vite ${v.vite}'s JS API with an inline config that mirrors ` +
      'vite.config.ts (one HTML entry with the same head, target es2019, minified, no ' +
      'module-preload polyfill, hashed /assets), into the temp directory (bench/peer/build.ts). ' +
      'Its CSS is what SurveyJS needs for its default theme: survey-core.fontless.min.css plus the ' +
      'font stack the full survey-core.css declares; the full one also downloads Open Sans from ' +
      "fonts.gstatic.com, which the closed network and the page's Content-Security-Policy both " +
      'refuse (our form downloads no font either). For es2019, vite adds vendor prefixes to ' +
      'both stylesheets.',
    '**Served the same way**: bench/peer/server.ts, a child process started like server/main.ts ' +
      "(node --import tsx): @hono/node-server, hono's `compress()`, the same security headers, " +
      "/assets through server/static.ts's own mountClient (one-year immutable cache), `/s/:token` " +
      "with the form page's Cache-Control and Content-Security-Policy. Both pages' bytes are counted " +
      "by bench/first-load.ts's measureFirstLoad (response bodies as sent, gzip), on 127.0.0.1.",
    "**What the SurveyJS page leaves out**: our form's drafts (on the device and the server), " +
      'offline submit and retry, the list of missing answers and the receipt: it is SurveyJS plus ' +
      'twenty lines of glue (bench/peer/client/main.ts), so its bytes are a floor. survey-core ' +
      'comes whole: its question types register themselves, so the bundler cannot drop the unused ones.',
    `**Lighthouse** ${v.lighthouse} through its Node API, chrome-launcher and Debian's Chromium ` +
      '(headless, background networking off), default config: mobile form factor and simulated ' +
      'throttling (150 ms RTT, 1.6 Mbps, 4× CPU slowdown), performance category only. One warm-up ' +
      'round is dropped, then the pages take turns; each measure is the median of its own runs. ' +
      'Lighthouse clears the cache before every run. Its total transfer counts headers and what ' +
      'the first-load count leaves out (the API call, a favicon request).',
  ];
}

/** A Markdown table padded so that it also reads well in a terminal (as report.ts's). */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
}

/** A measure over the runs, in order: "0.94, 2.78, 0.93 s". */
const spread = (s: LighthouseSummary, key: 'fcpMs' | 'lcpMs') =>
  `${s.runs.map((r) => (r[key] / 1000).toFixed(2)).join(', ')} s`;
const bytes = (n: number) => `${Math.round(n).toLocaleString('en-US')} B`;
const secs = (ms: number) => (Number.isNaN(ms) ? '–' : `${(ms / 1000).toFixed(2)} s`);
const msec = (ms: number) => (Number.isNaN(ms) ? '–' : `${ms.toFixed(0)} ms`);
const ratio = (x: number) =>
  Number.isFinite(x) ? `×${x < 10 ? x.toFixed(2) : x.toFixed(0)}` : '–';
