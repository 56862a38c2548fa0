import { fetchResource } from './first-load';
import { PROVINCE_CLOSED_ID, PROVINCE_OPEN_ID } from './province-seed';
import type { Officer } from './slips';

/** What each console request may take, first one included (issue #11). */
export const API_BUDGET_MS = 1000;
/**
 * The invitations list's first page. Until the list pages, the server ignores these parameters
 * and sends every invitation: `measureInvitations` tells the two apart and says which it measured.
 */
export const INVITATIONS_PAGE_QUERY = '?page=1&pageSize=50';
const PAGE_SIZE = 50;

export interface TimedRequest {
  /** What the console shows it for, and the path (ids as placeholders). */
  label: string;
  path: string;
  status: number;
  /** The first request, then the median and the slowest of the others. */
  firstMs: number;
  medianMs: number;
  maxMs: number;
  rounds: number;
  rawBytes: number;
  wireBytes: number;
  gzipped: boolean;
  /** Rows in the answer, where it is a list (invitations, slips). */
  items?: number;
  /** The error envelope's code, when the answer is an error (a 404 the console expects too). */
  code?: string;
  note?: string;
}

export interface ProvinceApi {
  open: TimedRequest[];
  results: TimedRequest[];
  /** Whether the invitations list answered one page or every invitation. */
  invitationsPaged: boolean;
}

/** Signs in through the API as the console does (JSON, then the cookie and X-CSRF-Token). */
export async function signIn(baseUrl: string, who: Officer): Promise<Record<string, string>> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (login.status !== 200) {
    throw new Error(`POST /api/auth/login answered ${login.status}: ${await login.text()}`);
  }
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { Cookie: cookie, 'X-CSRF-Token': csrfToken };
}

/** GET `path` `rounds` times, one after the other; the first counts apart (nothing cached yet). */
export async function timeGet(
  baseUrl: string,
  headers: Record<string, string>,
  label: string,
  path: string,
  rounds: number,
  shown = path,
): Promise<TimedRequest & { body: Buffer }> {
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof fetchResource>> | undefined;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    last = await fetchResource(
      `${baseUrl}${path}`,
      path.endsWith('/slips') ? 'html' : 'other',
      headers,
    );
    times.push(performance.now() - t);
    if (last.fetched.status >= 500) break;
  }
  if (!last) throw new Error('no round ran');
  const code =
    last.fetched.status >= 400
      ? /"code"\s*:\s*"([a-z_]+)"/.exec(last.body.toString('utf8'))?.[1]
      : undefined;
  const rest = times.slice(1).sort((a, b) => a - b);
  return {
    label,
    path: shown,
    status: last.fetched.status,
    firstMs: times[0] ?? Number.NaN,
    medianMs: rest[Math.floor(rest.length / 2)] ?? Number.NaN,
    maxMs: rest.at(-1) ?? Number.NaN,
    rounds: times.length,
    rawBytes: last.fetched.rawBytes,
    wireBytes: last.fetched.wireBytes,
    gzipped: last.fetched.gzipped,
    ...(code ? { code } : {}),
    body: last.body,
  };
}

const strip = ({ body: _body, ...rest }: TimedRequest & { body: Buffer }): TimedRequest => rest;

/** Rows of a list answer: an array, or the first array property of a page object. */
export function listLength(json: unknown): number | undefined {
  if (Array.isArray(json)) return json.length;
  if (json && typeof json === 'object') {
    for (const v of Object.values(json)) if (Array.isArray(v)) return v.length;
  }
  return undefined;
}

/**
 * The open campaign's screens as an officer (slips of every invitation, tracking, the
 * invitations list), then the closed campaign's results screen as an analyst: every request it
 * makes on open (survey-client/console/results/results-screen.tsx and run-view.tsx).
 */
export async function measureProvinceApi(
  baseUrl: string,
  accounts: { officer: Officer; analyst: Officer },
  runId: string,
  rounds: number,
): Promise<ProvinceApi> {
  const officer = await signIn(baseUrl, accounts.officer);
  const open = `/api/campaigns/${PROVINCE_OPEN_ID}`;
  const slips = await timeGet(
    baseUrl,
    officer,
    'QR slips, every invitation',
    `${open}/slips`,
    rounds,
    '/api/campaigns/{open}/slips',
  );
  const slipCount = slips.body.toString('utf8').match(/<article class="slip">/g)?.length ?? 0;
  const tracking = await timeGet(
    baseUrl,
    officer,
    'Tracking',
    `${open}/tracking`,
    rounds,
    '/api/campaigns/{open}/tracking',
  );
  const { request: invitations, paged } = await measureInvitations(baseUrl, officer, open, rounds);

  const analyst = await signIn(baseUrl, accounts.analyst);
  const closed = `/api/campaigns/${PROVINCE_CLOSED_ID}`;
  const run = `${closed}/runs/${encodeURIComponent(runId)}`;
  const results: [string, string, string][] = [
    ['The campaign', closed, '/api/campaigns/{closed}'],
    ['Scoring runs', `${closed}/runs`, '…/runs'],
    ['Definition', `${closed}/definition`, '…/definition'],
    ['Tracking (response rates)', `${closed}/tracking`, '…/tracking'],
    ['**The run document**', run, '…/runs/{run}'],
    ['A–E distributions', `${run}/distributions`, '…/runs/{run}/distributions'],
    ['Comparison with the year before', `${run}/compare`, '…/runs/{run}/compare'],
    ['Self-assessment', `${closed}/self-assessment`, '…/self-assessment'],
    ['Campaigns to compare with', `${run}/compare-options`, '…/runs/{run}/compare-options'],
  ];
  const timed: TimedRequest[] = [];
  for (const [label, path, shown] of results) {
    timed.push(strip(await timeGet(baseUrl, analyst, label, path, rounds, shown)));
  }
  return {
    open: [{ ...strip(slips), items: slipCount }, strip(tracking), invitations],
    results: timed,
    invitationsPaged: paged,
  };
}

/** The paged URL first; when the server refuses it, the whole list. Says which it measured. */
async function measureInvitations(
  baseUrl: string,
  officer: Record<string, string>,
  open: string,
  rounds: number,
): Promise<{ request: TimedRequest; paged: boolean }> {
  const shown = '/api/campaigns/{open}/invitations';
  const pagedTry = await timeGet(
    baseUrl,
    officer,
    'Invitations, first page',
    `${open}/invitations${INVITATIONS_PAGE_QUERY}`,
    rounds,
    `${shown}${INVITATIONS_PAGE_QUERY}`,
  );
  if (pagedTry.status === 200) {
    const items = listLength(JSON.parse(pagedTry.body.toString('utf8')));
    const paged = items !== undefined && items <= PAGE_SIZE;
    return {
      request: {
        ...strip(pagedTry),
        ...(items === undefined ? {} : { items }),
        label: paged
          ? 'Invitations, first page'
          : 'Invitations (the whole list: paging not supported yet)',
        ...(paged
          ? {}
          : { note: `${INVITATIONS_PAGE_QUERY} was ignored: the answer holds every invitation` }),
      },
      paged,
    };
  }
  const all = await timeGet(
    baseUrl,
    officer,
    'Invitations (the whole list)',
    `${open}/invitations`,
    rounds,
    shown,
  );
  const items = all.status === 200 ? listLength(JSON.parse(all.body.toString('utf8'))) : undefined;
  return {
    request: {
      ...strip(all),
      ...(items === undefined ? {} : { items }),
      note: `${INVITATIONS_PAGE_QUERY} answered ${pagedTry.status}`,
    },
    paged: false,
  };
}
