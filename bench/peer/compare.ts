import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SurveyView } from '../../contract/respondent';
import { type Fetched, type FirstLoad, fetchResource, measureFirstLoad } from '../first-load';
import { CHROME_FLAGS, CHROMIUM, type LighthouseSummary, runLighthouse } from '../lighthouse';
import { freePort, startServer } from '../processes';
import { buildPeerClient } from './build';
import { type ConversionCounts, countsOf, expectedCounts, toSurveyJs } from './to-surveyjs';

/** Lighthouse runs per page (the median is reported), after one warm-up round. */
export const LIGHTHOUSE_RUNS = 3;
/** Where the screenshots go (test-artifacts/ is not committed). */
const SHOTS = 'test-artifacts/bench';

/** One page of the comparison, measured as bench/first-load.ts measures ours. */
export interface PeerSide {
  firstLoad: FirstLoad;
  /** What its script fetches next: the questionnaire, `GET /api/s/<token>`. */
  api: Fetched;
}

/** What a phone at 360×740 shows: the first screen, then the second after "next". */
export interface RenderCheck {
  screenshots: string[];
  /** Whether the first screen shows the welcome (the respondent's group). */
  welcome: boolean;
  /** The second screen's heading and its questions' titles, whitespace collapsed. */
  secondTitle: string;
  questions: string[];
  /** The first question's options, as shown. */
  options: string[];
  /** Uncaught exceptions and console errors (but the favicon's 404, which both pages have). */
  errors: string[];
}

export interface PeerComparison {
  versions: Record<string, string>;
  questionnaire: {
    group: string;
    titles: string[];
    /** What the converted SurveyJS JSON holds, and what our view says it should. */
    counts: ConversionCounts;
    expected: ConversionCounts;
    /** survey-core's own model of the JSON, loaded in Node: its pages and questions, or errors. */
    model: string;
  };
  buildMs: number;
  ours: PeerSide;
  surveyjs: PeerSide;
  lighthouse:
    | { ours: LighthouseSummary; surveyjs: LighthouseSummary; runs: number; durationS: number }
    | string;
  /** The screenshots and what they show, or why they could not be taken. */
  render: { ours: RenderCheck; surveyjs: RenderCheck; problems: string[] } | string;
  durationS: number;
}

interface Options {
  root: string;
  tmp: string;
  /** Our running server, and the demo link the first-load measurement opens. */
  baseUrl: string;
  token: string;
  /** The first load of `token`, when the caller has measured it (it opened the link). */
  firstLoad?: FirstLoad | undefined;
  /**
   * Other demo links of the same group, never opened: a link belongs to the device that opens it
   * first, so each Lighthouse run (a first visit, storage cleared) and the screenshots get their
   * own, as a respondent's first open would. Needs LIGHTHOUSE_RUNS + 2.
   */
  freshTokens: string[];
  log: (message: string) => void;
  /** Lighthouse runs per page (LIGHTHOUSE_RUNS unless given) and the screenshots' name prefix. */
  lighthouseRuns?: number;
  shots?: string;
}

/**
 * The respondent's first load beside the same questionnaire rendered by SurveyJS: our view
 * converted to SurveyJS JSON, a page built as ours is built and served by a server that uses
 * ours's HTTP stack, both measured in the same way in this run. A failure of Lighthouse or of
 * the screenshots becomes a note; a failure before (no view, no build) is thrown.
 */
export async function measurePeerComparison(o: Options): Promise<PeerComparison> {
  const started = performance.now();
  // Ours as a phone opens a link never opened: the page and its files (the page brings the
  // welcome and the claim), then the rest of the form with that claim.
  const oursFirstLoad = o.firstLoad ?? (await measureFirstLoad(o.baseUrl, o.token));
  const viewResponse = await fetchResource(
    `${o.baseUrl}/api/s/${o.token}`,
    'other',
    oursFirstLoad.claim ? { 'X-Claim': oursFirstLoad.claim } : {},
  );
  if (viewResponse.fetched.status !== 200) {
    throw new Error(`GET /api/s/<demo token> answered ${viewResponse.fetched.status}`);
  }
  const view = JSON.parse(viewResponse.body.toString('utf8')) as SurveyView;
  const json = toSurveyJs(view);
  const surveyFile = join(o.tmp, 'peer-survey.json');
  writeFileSync(surveyFile, JSON.stringify(json));
  const questionnaire = {
    group: view.group.name,
    titles: view.questionnaires.map((q) => q.title),
    counts: countsOf(json),
    expected: expectedCounts(view),
    model: await surveyJsModel(json),
  };

  o.log('building the SurveyJS page with vite…');
  let t = performance.now();
  const clientDir = join(o.tmp, 'peer-client');
  await buildPeerClient(clientDir);
  const buildMs = performance.now() - t;

  // Started as the product's server is (node --import tsx, tracked, stopped with SIGTERM).
  const peer = await startServer(
    o.root,
    {
      ...process.env,
      PORT: String(await freePort()),
      PEER_CLIENT_DIR: clientDir,
      PEER_SURVEY_FILE: surveyFile,
      PEER_TOKEN: o.token,
    },
    'bench/peer/server.ts',
  );
  try {
    const ours: PeerSide = { firstLoad: oursFirstLoad, api: viewResponse.fetched };
    const surveyjs: PeerSide = {
      firstLoad: await measureFirstLoad(peer.baseUrl, o.token),
      api: (await fetchResource(`${peer.baseUrl}/api/s/${o.token}`, 'other')).fetched,
    };
    const runs = o.lighthouseRuns ?? LIGHTHOUSE_RUNS;
    const fresh = [...o.freshTokens];
    if (fresh.length < runs + 2) {
      throw new Error(`${runs + 2} unopened links of one group are needed, ${fresh.length} given`);
    }
    const freshUrl = () => `${o.baseUrl}/s/${fresh.shift()}`;
    const urls = { ours: freshUrl, surveyjs: `${peer.baseUrl}/s/${o.token}` };

    o.log(`Lighthouse, ${runs} runs of each page after a warm-up, taking turns…`);
    t = performance.now();
    const lighthouse = await orNote(async () => {
      const r = await runLighthouse(urls, { runs, warmup: true }, o.log);
      if (!r.ours || !r.surveyjs) throw new Error('Lighthouse measured only one of the pages');
      const durationS = (performance.now() - t) / 1000;
      return { ours: r.ours, surveyjs: r.surveyjs, runs, durationS };
    }, o.log);

    // Last: moving to the second screen saves a draft of our form, which would change what
    // the following loads of the same link show.
    o.log('screenshots of both pages at 360×740…');
    const render = await orNote(
      () => checkRendering(o.root, { ...urls, ours: freshUrl() }, view.group.name, o.shots),
      o.log,
    );
    return {
      versions: versions(o.root),
      questionnaire,
      buildMs,
      ours,
      surveyjs,
      lighthouse,
      render,
      durationS: (performance.now() - started) / 1000,
    };
  } finally {
    await peer.stop();
  }
}

async function orNote<T>(fn: () => Promise<T>, log: (m: string) => void): Promise<T | string> {
  try {
    return await fn();
  } catch (err) {
    log(`not measured: ${String(err)}`);
    return err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
  }
}

function versions(root: string): Record<string, string> {
  const of = (pkg: string) => {
    try {
      const json = readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8');
      return (JSON.parse(json) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  return Object.fromEntries(
    ['survey-core', 'survey-js-ui', 'preact', 'vite', 'hono', 'lighthouse'].map((p) => [p, of(p)]),
  );
}

/** The JSON through survey-core's own parser, in Node: what SurveyJS itself makes of it. */
async function surveyJsModel(json: object): Promise<string> {
  try {
    const { Model } = await import('survey-core');
    const model = new Model(json);
    const questions = model.getAllQuestions().filter((q) => q.getType() !== 'html');
    const errors = model.jsonErrors ?? [];
    return (
      `${model.pages.length} pages, ${questions.length} questions` +
      (errors.length ? `, **${errors.length} JSON errors**: ${errors.map(String).join('; ')}` : '')
    );
  } catch (err) {
    return `survey-core could not load it: ${String(err)}`;
  }
}

/** How to read each page: its "next" button, its screen heading, its questions and options. */
const PAGES = {
  ours: {
    ready: 'h1#screen-title',
    next: 'Tiếp tục',
    title: 'h1#screen-title',
    questions: 'fieldset.q > legend',
    options: 'fieldset.q >> nth=0 >> .tiles label span',
  },
  surveyjs: {
    ready: '.sd-root-modern .sd-page',
    next: 'Tiếp theo',
    title: '.sd-page__title',
    questions: '.sd-question__title',
    options: '.sd-question:has(.sd-question__title) >> nth=0 >> .sd-item__control-label',
  },
} as const;

/**
 * Both pages in Debian's Chromium at 360×740 (playwright-core): a screenshot of the first
 * screen, then of the second after "next", and what they show, compared: a comparison against
 * a page that renders an error would be worthless.
 */
async function checkRendering(
  root: string,
  urls: { ours: string; surveyjs: string },
  group: string,
  prefix = 'first-load',
): Promise<{ ours: RenderCheck; surveyjs: RenderCheck; problems: string[] }> {
  const { chromium } = await import('playwright-core');
  const dir = join(root, SHOTS);
  mkdirSync(dir, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS });
  try {
    const check = async (name: keyof typeof PAGES): Promise<RenderCheck> => {
      const sel = PAGES[name];
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
          errors.push(m.text());
      });
      const texts = async (selector: string) =>
        (await page.locator(selector).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
      try {
        await page.goto(urls[name], { waitUntil: 'networkidle' });
        await page.locator(sel.ready).first().waitFor({ timeout: 15_000 });
        const shots = [join(dir, `${prefix}-${name}-1.png`), join(dir, `${prefix}-${name}-2.png`)];
        await page.screenshot({ path: shots[0] });
        const welcome = await page.getByText(group).first().isVisible();
        const before = (await texts(sel.title))[0] ?? '';
        await page.getByRole('button', { name: sel.next, exact: true }).click();
        await page.waitForFunction(
          ([selector, old]) => {
            const el = document.querySelector(selector as string);
            return !!el && el.textContent !== old;
          },
          [sel.title, before],
          { timeout: 15_000 },
        );
        await page.screenshot({ path: shots[1] });
        const options = await texts(sel.options);
        return {
          screenshots: shots.map((s) => relative(root, s)),
          welcome,
          secondTitle: (await texts(sel.title))[0] ?? '',
          questions: await texts(sel.questions),
          options,
          errors,
        };
      } finally {
        await context.close();
      }
    };
    const ours = await check('ours');
    const surveyjs = await check('surveyjs');
    const problems: string[] = [];
    if (!surveyjs.welcome || !ours.welcome)
      problems.push('the first screen does not show the welcome of the same respondent group');
    if (surveyjs.secondTitle !== ours.secondTitle)
      problems.push(`second screen "${surveyjs.secondTitle}" instead of "${ours.secondTitle}"`);
    if (surveyjs.questions.join('\n') !== ours.questions.join('\n'))
      problems.push(
        `second screen questions differ (${surveyjs.questions.length} against ${ours.questions.length})`,
      );
    if (surveyjs.options.join('\n') !== ours.options.join('\n'))
      problems.push(
        `first question's options differ: ${surveyjs.options.join(', ')} against ${ours.options.join(', ')}`,
      );
    for (const [name, r] of [
      ['SurveyJS', surveyjs],
      ['ours', ours],
    ] as const) {
      if (r.errors.length) problems.push(`${name}: errors in the page: ${r.errors.join('; ')}`);
    }
    return { ours, surveyjs, problems };
  } finally {
    await browser.close();
  }
}
