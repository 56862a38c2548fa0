import type { SurveyView } from '../contract/respondent';
import { builtInProvinceDefinition } from '../questionnaires';
import { provinceUnitSet } from '../questionnaires/official';
import { type Fetched, type FirstLoad, fetchResource, measureFirstLoad } from './first-load';
import { type LighthouseSummary, runLighthouse } from './lighthouse';
import { measurePeerComparison, type PeerComparison } from './peer/compare';
import { measureProvinceApi, type ProvinceApi } from './province-api';
import { type ConsoleTimings, measureConsole } from './province-console';
import {
  benchDepartments,
  generator,
  type ProvinceSeed,
  provinceBody,
  viewsByGroup,
} from './province-seed';

/** Rounds of each measure: the first (cold) apart, then the median of the rest. */
const ROUNDS = { api: 4, console: 3, lighthouse: 3 };
const QUICK_ROUNDS = { api: 3, console: 2, lighthouse: 1 };

/** What the seed made, without its secrets (links, passwords). */
export type ProvinceSeedSummary = Omit<ProvinceSeed, 'officer' | 'analyst' | 'delegateTokens'>;

export interface DelegateSubmit {
  answers: number;
  bodyBytes: number;
  status: number;
  ms: number;
}

export interface ProvinceResult {
  seed: ProvinceSeedSummary;
  api: ProvinceApi | string;
  console: ConsoleTimings | string;
  /** A council delegate's link: the form's first load, as the 2023 section measures it. */
  firstLoad: FirstLoad | string;
  /** Then `GET /api/s/<token>`: the delegate's view (130 units). */
  view: Fetched | string;
  /** The same form beside SurveyJS (bench/peer/), Lighthouse included. */
  peer: PeerComparison | string;
  /** Lighthouse on our page alone, when the comparison could not run. */
  lighthouse?: LighthouseSummary | string;
  submit: DelegateSubmit | string;
  durationS: number;
}

export interface ProvinceOptions {
  root: string;
  tmp: string;
  baseUrl: string;
  /** The server's PUBLIC_URL: the console signs in from it (the Origin header is checked). */
  origin: string;
  seed: ProvinceSeed;
  quick: boolean;
  log: (message: string) => void;
}

/**
 * The province section (issue #11) against the running server: the console's requests, the
 * console in Chromium, then a council delegate's form (first load, Lighthouse beside SurveyJS,
 * a submit). The slips go first, while every invitation of the open campaign is still unanswered.
 */
export async function measureProvince(o: ProvinceOptions): Promise<ProvinceResult> {
  const started = performance.now();
  const rounds = o.quick ? QUICK_ROUNDS : ROUNDS;
  const { officer, analyst, delegateTokens, ...seed } = o.seed;
  const accounts = { officer, analyst };
  o.log('province: the console API (slips, tracking, invitations, results)…');
  const api = await attempt(
    () => measureProvinceApi(o.baseUrl, accounts, seed.runId, rounds.api),
    o.log,
  );
  o.log('province: the console in Chromium…');
  const consoleTimings = await attempt(
    () => measureConsole(o.origin, accounts, seed.runId, rounds.console),
    o.log,
  );

  // A link belongs to the first device that opens it: each use below takes links of its own.
  const tokens = [...delegateTokens];
  const submitToken = tokens.pop() ?? '';
  const [firstToken = '', ...fresh] = tokens;
  o.log('province: a delegate’s first load…');
  const firstLoad = await attempt(() => measureFirstLoad(o.baseUrl, firstToken), o.log);
  o.log('province: beside SurveyJS (build, Lighthouse, screenshots)…');
  const peer = await attempt(
    () =>
      measurePeerComparison({
        root: o.root,
        tmp: o.tmp,
        baseUrl: o.baseUrl,
        token: firstToken,
        firstLoad: typeof firstLoad === 'string' ? undefined : firstLoad,
        freshTokens: fresh,
        log: o.log,
        lighthouseRuns: rounds.lighthouse,
        shots: 'province-first-load',
      }),
    o.log,
  );
  let lighthouse: ProvinceResult['lighthouse'];
  if (typeof peer === 'string' || typeof peer.lighthouse === 'string') {
    const urls = fresh.slice(rounds.lighthouse + 2).map((t) => `${o.baseUrl}/s/${t}`);
    lighthouse = await attempt(async () => {
      const r = await runLighthouse(
        { ours: () => urls.shift() ?? '' },
        { runs: rounds.lighthouse, warmup: true },
        o.log,
      );
      if (!r.ours) throw new Error('Lighthouse measured nothing');
      return r.ours;
    }, o.log);
  }
  o.log('province: a delegate opens the form and submits it…');
  const opened = await attempt(() => openAndSubmit(o.baseUrl, submitToken), o.log);
  return {
    seed,
    api,
    console: consoleTimings,
    firstLoad,
    view: typeof opened === 'string' ? opened : opened.view,
    peer,
    ...(lighthouse === undefined ? {} : { lighthouse }),
    submit: typeof opened === 'string' ? opened : opened.submit,
    durationS: (performance.now() - started) / 1000,
  };
}

/**
 * The delegate's form as the phone gets it (`GET /api/s/<token>`, which claims the link), then
 * the whole form submitted (12 communes and 5 departments rated, the rest "Không biết").
 */
async function openAndSubmit(
  baseUrl: string,
  token: string,
): Promise<{ view: Fetched; submit: DelegateSubmit }> {
  const got = await fetchResource(`${baseUrl}/api/s/${token}`, 'other');
  if (got.fetched.status !== 200)
    throw new Error(`GET /api/s/<delegate token> answered ${got.fetched.status}`);
  const view = JSON.parse(got.body.toString('utf8')) as SurveyView;
  const { kindOf } = viewsByGroup(
    builtInProvinceDefinition(),
    provinceUnitSet('75', benchDepartments()),
  );
  const body = provinceBody(view.questionnaires, kindOf, generator(7));
  const json = JSON.stringify(body);
  const t = performance.now();
  const res = await fetch(`${baseUrl}/api/s/${token}/submit`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Claim': view.claim ?? '' },
    body: json,
  });
  await res.arrayBuffer();
  const ms = performance.now() - t;
  if (res.status !== 201) throw new Error(`the delegate's submit answered ${res.status}`);
  return {
    view: got.fetched,
    submit: {
      answers: body.answers.length,
      bodyBytes: Buffer.byteLength(json),
      status: res.status,
      ms,
    },
  };
}

/** The measurement, or what stopped it: a benchmark reports, it never fails. */
async function attempt<T>(fn: () => Promise<T>, log: (m: string) => void): Promise<T | string> {
  try {
    return await fn();
  } catch (err) {
    log(`not measured: ${String(err)}`);
    return err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
  }
}
