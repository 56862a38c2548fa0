import { beforeEach, describe, expect, it } from 'vitest';
import type { FirstScreen } from '../../contract/first-screen';
import type { SurveyView } from '../../contract/respondent';
import { resumeCodeOf } from '../../contract/resume-code';
import { createApp } from '../../server/app';
import { CONTENT_SECURITY_POLICY } from '../../server/static';
import { config, fullAnswers, json, setup, submissionId, withClaim } from './helpers';

/**
 * Issue #13.8: the page of a link never opened brings the form's first screen (and the claim,
 * given there this once instead of in the first GET /api/s/<token>), so that the welcome shows
 * without waiting for a second round trip. The claim protocol (docs/contract.md §5) holds.
 */

let ctx: Awaited<ReturnType<typeof setup>>;
beforeEach(async () => {
  ctx = await setup();
});

/** What a browser sends when a person opens the link (a navigation to a document). */
const NAVIGATION = {
  'Sec-Fetch-Dest': 'document',
  'Sec-Fetch-Mode': 'navigate',
  'Sec-Fetch-Site': 'none',
};
const open = (token: string, headers: Record<string, string> = NAVIGATION, method = 'GET') =>
  ctx.app.request(`/s/${token}`, { method, headers });

const ISLAND = /<script type="application\/json" id="first-screen">([^<]*)<\/script>/;
const firstScreenOf = (html: string): FirstScreen | null => {
  const m = ISLAND.exec(html);
  return m?.[1] ? (JSON.parse(m[1]) as FirstScreen) : null;
};

const invitationOf = (token: string) =>
  ctx.db
    .selectFrom('invitation')
    .selectAll()
    .where('id', '=', ctx.links.find((l) => l.link.endsWith(`/s/${token}`))?.id ?? '')
    .executeTakeFirstOrThrow();

describe('the page of a link never opened', () => {
  it('brings the welcome and the claim, which every later API call then needs', async () => {
    const [token = ''] = ctx.tokens('LD_UBND_XA');
    const res = await open(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    // Not executed: the policy still allows no inline script.
    expect(res.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    const scripts = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'));
    expect(scripts).not.toContain('unsafe-inline');
    const first = firstScreenOf(await res.text());
    expect(first).not.toBeNull();
    expect(first?.claim).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(first?.campaign.name).toContain('Chỉ số CCHC');
    expect(first?.group).toEqual({ code: 'LD_UBND_XA', name: expect.stringContaining('Lãnh đạo') });
    expect(first?.questionnaires.length).toBeGreaterThan(0);
    expect(first?.questionnaires[0]).toEqual({ id: expect.any(String), title: expect.any(String) });

    // The link is opened (claimed) exactly as the API's first GET would have done it.
    const invitation = await invitationOf(token);
    expect(invitation.status).toBe('opened');
    expect(invitation.claimHash).not.toBeNull();
    // The API gives no second claim: without the claim, 403; with it, the whole form.
    const bare = await ctx.app.request(`/api/s/${token}`);
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as { error: { code: string } }).error.code).toBe('claimed');
    const withIt = await ctx.app.request(`/api/s/${token}`, withClaim(first?.claim ?? ''));
    expect(withIt.status).toBe(200);
    const view = (await withIt.json()) as SurveyView;
    expect(view.claim).toBeUndefined();
    expect(view.questionnaires.map((q) => ({ id: q.id, title: q.title }))).toEqual(
      first?.questionnaires,
    );
    expect(view.group).toEqual(first?.group);
    expect(view.campaign).toEqual(first?.campaign);
    // …and the claim from the page submits.
    const answers = await fullAnswers(ctx.db, 'LD_UBND_XA');
    const submit = await ctx.app.request(
      `/api/s/${token}/submit`,
      withClaim(first?.claim ?? '', json({ submissionId: submissionId(), answers })),
    );
    expect(submit.status).toBe(201);
  });

  it('gives the claim once: a second load of the page (another device, or a reload) has no data', async () => {
    const [token = ''] = ctx.tokens('LD_UBND_XA');
    const first = firstScreenOf(await (await open(token)).text());
    expect(first).not.toBeNull();
    const again = await open(token);
    expect(again.status).toBe(200);
    expect(again.headers.get('Cache-Control')).toBe('no-store');
    const html = await again.text();
    expect(firstScreenOf(html)).toBeNull();
    expect(html).not.toContain(first?.claim ?? '?');
    expect(html).not.toContain(first?.group.name ?? '?');
    expect(html).not.toContain(first?.campaign.name ?? '?');
  });

  it('gives it again to the phone that had the page, by its cookie: a reload after the script never ran', async () => {
    const [token = '', other = ''] = ctx.tokens('LD_UBND_XA');
    const res = await open(token);
    const first = firstScreenOf(await res.text());
    const cookie = res.headers.get('set-cookie') ?? '';
    // The claim stays on the phone even if no script runs: HttpOnly, only for this link's page,
    // sent when the link is opened again from a chat app (Lax).
    expect(cookie).toContain(`cchc_claim=${first?.claim}`);
    expect(cookie).toContain(`Path=/s/${token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const jar = { ...NAVIGATION, Cookie: cookie.split(';')[0] ?? '' };
    const reload = await open(token, jar);
    const again = firstScreenOf(await reload.text());
    expect(again?.claim).toBe(first?.claim);
    expect(again?.questionnaires).toEqual(first?.questionnaires);
    // A wrong claim in the cookie, or another link's, is another device: nothing.
    const wrong = await open(token, { ...NAVIGATION, Cookie: `cchc_claim=${'x'.repeat(27)}` });
    expect(firstScreenOf(await wrong.text())).toBeNull();
    const otherRes = await open(other);
    const otherCookie = (otherRes.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(
      firstScreenOf(await (await open(token, { ...NAVIGATION, Cookie: otherCookie })).text()),
    ).toBeNull();
    // Nothing once the form is submitted.
    const answers = await fullAnswers(ctx.db, 'LD_UBND_XA');
    const submit = await ctx.app.request(
      `/api/s/${token}/submit`,
      withClaim(first?.claim ?? '', json({ submissionId: submissionId(), answers })),
    );
    expect(submit.status).toBe(201);
    expect(firstScreenOf(await (await open(token, jar)).text())).toBeNull();
  });

  it('is not claimed by what only reads the page: a link preview, a HEAD, a prefetch', async () => {
    const [token = ''] = ctx.tokens('LD_UBND_XA');
    const preview = await open(token, { 'User-Agent': 'facebookexternalhit/1.1' });
    const head = await open(token, NAVIGATION, 'HEAD');
    const prefetch = await open(token, { ...NAVIGATION, 'Sec-Purpose': 'prefetch' });
    for (const res of [preview, head, prefetch]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
    }
    expect(firstScreenOf(await preview.text())).toBeNull();
    expect(firstScreenOf(await prefetch.text())).toBeNull();
    const invitation = await invitationOf(token);
    expect(invitation.status).toBe('not_opened');
    expect(invitation.claimHash).toBeNull();
    // The person's browser then opens it as before.
    expect(firstScreenOf(await (await open(token)).text())?.claim).toBeTruthy();
  });

  it('has no data for a link that is unknown, revoked, submitted, or outside the campaign window', async () => {
    const [revoked = '', submitted = '', later = ''] = ctx.tokens('LD_UBND_XA');
    expect(firstScreenOf(await (await open('no-such-token')).text())).toBeNull();
    await ctx.db
      .updateTable('invitation')
      .set({ status: 'revoked' })
      .where('id', '=', ctx.links.find((l) => l.link.endsWith(revoked))?.id ?? '')
      .execute();
    expect(firstScreenOf(await (await open(revoked)).text())).toBeNull();
    const answers = await fullAnswers(ctx.db, 'LD_UBND_XA');
    expect(
      (await ctx.respond(submitted, '/submit', json({ submissionId: submissionId(), answers })))
        .status,
    ).toBe(201);
    expect(firstScreenOf(await (await open(submitted)).text())).toBeNull();
    await ctx.db
      .updateTable('campaign')
      .set({ closesAt: new Date(Date.now() - 1).toISOString() })
      .execute();
    expect(firstScreenOf(await (await open(later)).text())).toBeNull();
    await ctx.db
      .updateTable('campaign')
      .set({ opensAt: new Date(Date.now() + 86_400_000).toISOString(), closesAt: null })
      .execute();
    expect(firstScreenOf(await (await open(later)).text())).toBeNull();
    expect((await invitationOf(later)).claimHash).toBeNull();
  });

  it('keeps text that looks like markup inside the data: no way out of the script element', async () => {
    await ctx.db
      .updateTable('campaign')
      .set({ name: 'Khảo sát </script><script>alert(1)</script> & <!-- năm 2023' })
      .execute();
    const [token = ''] = ctx.tokens('LD_UBND_XA');
    const html = await (await open(token)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<!--');
    expect(firstScreenOf(html)?.campaign.name).toBe(
      'Khảo sát </script><script>alert(1)</script> & <!-- năm 2023',
    );
  });

  it('is drawn by the server: the welcome paints before the script, its styles in the page', async () => {
    const [token = '', other = ''] = ctx.tokens('LD_UBND_XA');
    const html = await (await open(token)).text();
    const first = firstScreenOf(html);
    const app = /<div id="app">([\s\S]*)<\/div>\s*<\/body>/.exec(html)?.[1] ?? '';
    expect(app).toContain(`<h1 id="screen-title" tabindex="-1">${first?.campaign.name}</h1>`);
    expect(app).toContain(`<b>${first?.group.name}</b>`);
    expect(app).toContain(`<b class="code">${resumeCodeOf(first?.claim ?? '')}</b>`);
    expect(app).not.toContain('Đang tải phiếu khảo sát');
    // No stylesheet to wait for before the first paint (styles may be inline: the CSP allows it).
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    expect(html).toMatch(/<style>[^<]*\.promise[^<]*<\/style>/);
    // A link opened before: the placeholder, nothing of the link; the styles inline as well.
    await open(other);
    const again = await (await open(other)).text();
    expect(again).toContain('Đang tải phiếu khảo sát');
    expect(again).not.toContain('screen-title');
    expect(again).toMatch(/<style>[^<]*\.promise[^<]*<\/style>/);
  });

  it('is not claimed by a server whose form was not built: the page could not carry it', async () => {
    const bare = createApp({ db: ctx.db, config: { ...config, clientDir: '/nonexistent-client' } });
    const [token = ''] = ctx.tokens('LD_UBND_XA');
    const res = await bare.request(`/s/${token}`, { headers: NAVIGATION });
    expect(await res.text()).toContain('Chưa build');
    expect((await invitationOf(token)).claimHash).toBeNull();
  });
});
