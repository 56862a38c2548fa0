import { FIRST_SCREEN_ELEMENT, type FirstScreen } from '../../contract/first-screen';
import { CLAIM_FORMAT } from '../../contract/resume-code';
import { campaignPhase } from '../campaigns/phase';
import type { Db } from '../db/connect';
import { claimHash, sameHash } from '../secrets';
import { campaignView, claimFirstOpen, findLink, questionnaireViews } from './link';
import { openingPage } from './opening-html';

/**
 * Whether a request is a person's browser opening the page: a GET navigation to a document
 * (`Sec-Fetch-*`, sent by every browser that can run the form), not a prefetch. Link previews
 * of chat apps, mail scanners and HEAD requests read the page without these: they must not
 * claim the link, or the person would find it "opened on another device".
 */
export function isBrowserOpening(req: Request): boolean {
  const h = req.headers;
  return (
    req.method === 'GET' &&
    h.get('sec-fetch-dest') === 'document' &&
    h.get('sec-fetch-mode') === 'navigate' &&
    !h.has('sec-purpose') &&
    !h.has('purpose')
  );
}

/**
 * The page keeps the claim it handed out in a cookie of its own address (`Path=/s/<token>`,
 * HttpOnly, SameSite=Lax: sent when the person opens the link again from Zalo or the camera): a
 * phone whose script never ran (a weak network, the page left before it loaded) and which reloads
 * is still the phone that claimed the link, and gets its first screen and claim again instead of
 * "opened on another device". Only a browser that had the page can send it.
 */
export const CLAIM_COOKIE = 'cchc_claim';
export const CLAIM_COOKIE_DAYS = 120;

/**
 * The first screen of a link never opened, claiming it exactly as the first `GET /api/s/<token>`
 * would (docs/contract.md §5); or, for a link claimed already, the same screen again when
 * `cookieClaim` is its claim (the page's cookie, CLAIM_COOKIE). Null for an unknown, revoked or
 * submitted link, one claimed elsewhere, or one whose campaign is not open — the page then has no
 * data and the form asks the API as before.
 */
export async function firstScreenFor(
  db: Db,
  secret: string,
  token: string,
  now: Date,
  cookieClaim?: string,
): Promise<FirstScreen | null> {
  const link = await findLink(db, token);
  if (!link) return null;
  const { invitation, campaign } = link;
  if (invitation.status === 'revoked' || invitation.status === 'submitted') return null;
  if (campaignPhase(campaign, now) !== 'open') return null;
  let claim: string;
  if (invitation.claimHash) {
    const mine =
      cookieClaim !== undefined &&
      CLAIM_FORMAT.test(cookieClaim) &&
      sameHash(claimHash(secret, invitation.id, cookieClaim), invitation.claimHash);
    if (!mine) return null;
    claim = cookieClaim;
  } else {
    const first = await claimFirstOpen(db, secret, link, now);
    if (!first) return null;
    claim = first.claim;
  }
  const views = await questionnaireViews(db, link);
  return {
    ...campaignView(link),
    claim,
    questionnaires: views.map((v) => ({ id: v.id, title: v.title })),
  };
}

const APP_ROOT = /<div id="app">[\s\S]*?<\/main>\s*<\/div>/;

/** Whether the page has where to put a first screen (not so the "client not built" notice). */
export const canCarryFirstScreen = (html: string) =>
  html.includes('</head>') && APP_ROOT.test(html);

/**
 * The page with its first screen: drawn into `#app` (the welcome paints as soon as the page
 * arrives; the form's script takes these elements over), and as data in a
 * `<script type="application/json">` element, never executed (the Content-Security-Policy allows
 * no inline script). `<`, `>` and `&` are escaped in the JSON, so no text of the data can close
 * the element or open a comment.
 */
export function withFirstScreen(html: string, first: FirstScreen | null): string {
  if (!first) return html;
  const data = JSON.stringify(first)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
  const island = `<script type="application/json" id="${FIRST_SCREEN_ELEMENT}">${data}</script>`;
  return html
    .replace('</head>', () => `${island}</head>`)
    .replace(APP_ROOT, () => `<div id="app">${openingPage(first)}</div>`);
}
