import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { addUser } from '../../server/auth/users';
import { publicUrlProblem } from '../../server/public-url';
import { config, json, setup } from './helpers';

/** Issue #13.2: links that no phone can open are announced before a print run is wasted. */

describe('a PUBLIC_URL phones cannot reach', () => {
  it.each([
    ['http://localhost:3000', true],
    ['http://127.0.0.1:3000', true],
    ['http://[::1]:3000', true],
    ['http://khaosat.localhost', true],
    ['https://khaosat.dongnai.gov.vn', false],
    ['http://192.168.1.20:3000', false],
  ])('%s → warned: %s', (url, warned) => {
    expect(publicUrlProblem(url) !== null).toBe(warned);
  });

  it('says what is wrong and what to do, in Vietnamese', () => {
    expect(publicUrlProblem('http://localhost:3000')).toMatch(
      /^Địa chỉ công khai của hệ thống đang là http:\/\/localhost:3000: đường dẫn và mã QR in ra.*PUBLIC_URL/,
    );
  });

  it('is told to the console at sign-in, and shown on the printable paper forms', async () => {
    const ctx = await setup();
    const local = createApp({
      db: ctx.db,
      config: { ...config, publicUrl: 'http://localhost:3000' },
    });
    await addUser(ctx.db, { email: 'cb@x.vn', password: 'mật-khẩu-đủ-dài', role: 'officer' });
    const login = async (app: typeof local) => {
      const res = await app.request(
        '/api/auth/login',
        json({ email: 'cb@x.vn', password: 'mật-khẩu-đủ-dài' }),
      );
      const body = (await res.json()) as { publicUrlWarning: string | null; csrfToken: string };
      return { body, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
    };
    const warned = await login(local);
    expect(warned.body.publicUrlWarning).toBe(publicUrlProblem('http://localhost:3000'));
    const page = await local.request('/api/campaigns/demo-2023/paper', {
      headers: { Cookie: warned.cookie },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('class="bar url-warning" role="alert"');
    expect(html).toContain('đang là http://localhost:3000');

    const slips = await local.request('/api/campaigns/demo-2023/slips', {
      headers: { Cookie: warned.cookie },
    });
    expect(slips.status).toBe(200);
    expect(await slips.text()).toContain('class="bar url-warning" role="alert"');

    const fine = await login(ctx.app);
    expect(fine.body.publicUrlWarning).toBeNull();
    const quiet = await ctx.app.request('/api/campaigns/demo-2023/paper', {
      headers: { Cookie: fine.cookie },
    });
    expect(await quiet.text()).not.toContain('url-warning');
  });
});
