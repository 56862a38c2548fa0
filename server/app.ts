import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { getCookie, setCookie } from 'hono/cookie';
import type { Config } from './config';
import { consoleApi } from './console-api';
import type { Db } from './db/connect';
import { errorBody, handleError } from './errors';
import { homePage } from './home';
import { shortCodeRoutes } from './invitations/short-code';
import { requestLogger } from './log';
import { openApiDocument } from './openapi';
import {
  CLAIM_COOKIE,
  CLAIM_COOKIE_DAYS,
  canCarryFirstScreen,
  firstScreenFor,
  isBrowserOpening,
  withFirstScreen,
} from './respondent/first-screen';
import { respondentRoutes } from './respondent/routes';
import { sipasPage, withSipasScreen } from './sipas/answer-page';
import { sipasAnswerRoutes } from './sipas/answer-routes';
import { FORM_PAGE_HEADERS, mountClient, securityHeadersFor } from './static';
import { UPLOAD_LIMITS } from './upload/limits';

/** The routes that take a spreadsheet (multipart `file`): roster, unit set, self-assessment. */
const UPLOAD_ROUTE = /^\/api\/campaigns\/[^/]+\/(roster\/(preview|import)|units|self-assessment)$/;
/** The largest file, plus room for the form's framing and its other fields (mapping, confirm…). */
const UPLOAD_BODY_LIMIT = UPLOAD_LIMITS.maxBytes + 1024 * 1024;
/** Pages' forms (POST /code: one 8-character code) are a few hundred bytes. */
const PAGE_BODY_LIMIT = 16 * 1024;

export interface AppDeps {
  db: Db;
  config: Pick<
    Config,
    'secret' | 'publicUrl' | 'bodyLimit' | 'logRequests' | 'clientDir' | 'trustProxy'
  >;
}

/** The whole HTTP application; the database and configuration are injected (tests use :memory:). */
export function createApp({ db, config }: AppDeps) {
  const app = new Hono();
  app.onError(handleError);

  if (config.logRequests) app.use(requestLogger());
  app.use(securityHeadersFor(config.publicUrl));
  app.use(compress());
  // Every body is small but an office's spreadsheet: the limit applies to every route, pages
  // included (POST /code reads a form of one field), and is checked as the body streams in.
  const tooLarge = (c: Context) =>
    c.json(errorBody('payload_too_large', 'Dữ liệu gửi lên quá lớn.'), 413);
  const apiBody = bodyLimit({ maxSize: config.bodyLimit, onError: tooLarge });
  const pageBody = bodyLimit({
    maxSize: Math.min(config.bodyLimit, PAGE_BODY_LIMIT),
    onError: (c) => c.html(homePage('Dữ liệu gửi lên quá lớn.'), 413),
  });
  const uploadBody = bodyLimit({ maxSize: UPLOAD_BODY_LIMIT, onError: tooLarge });
  app.use('*', (c, next) => {
    if (c.req.method === 'POST' && UPLOAD_ROUTE.test(c.req.path)) return uploadBody(c, next);
    return (c.req.path.startsWith('/api/') ? apiBody : pageBody)(c, next);
  });

  app.route('/api/s', respondentRoutes({ db, config }));
  app.route('/api/p', sipasAnswerRoutes({ db, config }));
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(config.publicUrl)));
  app.route('/api', consoleApi({ db, config }));
  app.all('/api/*', (c) => c.json(errorBody('not_found', 'Không tìm thấy địa chỉ API này.'), 404));

  const page = mountClient(app, config.clientDir);
  // A browser opening a link never opened gets the welcome and the claim with the page: no
  // second round trip before the first screen (issue #13.8; server/respondent/first-screen.ts).
  app.get('/s/:token', async (c) => {
    const html = page('form.html', { inlineStyles: true });
    const token = c.req.param('token');
    const first =
      isBrowserOpening(c.req.raw) && canCarryFirstScreen(html)
        ? await firstScreenFor(db, config.secret, token, new Date(), getCookie(c, CLAIM_COOKIE))
        : null;
    if (first) {
      setCookie(c, CLAIM_COOKIE, first.claim, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.publicUrl.startsWith('https://'),
        path: `/s/${encodeURIComponent(token)}`,
        maxAge: CLAIM_COOKIE_DAYS * 86_400,
      });
    }
    return c.html(withFirstScreen(html, first), 200, FORM_PAGE_HEADERS);
  });
  // The public SIPAS form (issue #14): a poster's QR code, or a one-time code handed out with a
  // dossier's receipt; the welcome is drawn into the page (server/sipas/answer-page.ts).
  const sipas = async (c: Context, via: { point: string } | { code: string }) => {
    const html = page('sipas.html', { inlineStyles: true });
    const { status, first, notice } = await sipasPage(db, config.secret, via, new Date());
    return c.html(withSipasScreen(html, first, notice), status, FORM_PAGE_HEADERS);
  };
  app.get('/p/:pointCode', (c) => sipas(c, { point: c.req.param('pointCode') }));
  app.get('/c/:code', (c) => sipas(c, { code: c.req.param('code') }));
  // The office console: one page, its own bundle (the form never loads it); client-side screens.
  const consolePage = (c: Context) =>
    c.html(page('console.html'), 200, { 'Cache-Control': 'no-cache' });
  app.get('/console', consolePage);
  app.get('/console/*', consolePage);
  app.get('/', (c) => c.html(homePage()));
  // Browsers ask every page's /favicon.ico: "nothing" (204, kept a day) rather than a 404 in the
  // console of every page (issue #13.16); no icon file to ship, no extra bytes on the form.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }));
  app.route('/', shortCodeRoutes(db, config));
  app.notFound((c) => c.html(homePage('Không tìm thấy trang này.'), 404));
  return app;
}
