import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../contract/console/users';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { json, setup, signIn } from './helpers';

/** Issue #13.11: the exported audit log is for a person: Vietnamese throughout, no raw JSON. */
describe('nhat-ky.csv', () => {
  it('has Vietnamese headers, actions, details and Vietnam times', async () => {
    const ctx = await setup();
    const admin = await signIn(ctx, 'admin');
    await admin('/api/users', {
      method: 'POST',
      body: JSON.stringify({
        email: 'moi@dongnai.gov.vn',
        name: 'Cán bộ mới',
        role: 'officer',
        password: 'mật-khẩu-đủ-dài-1',
      }),
    });
    await ctx.app.request(
      '/api/auth/login',
      json({ email: 'moi@dongnai.gov.vn', password: 'sai' }),
    );
    const res = await admin('/api/audit.csv');
    expect(res.status).toBe(200);
    const text = await res.text();
    const [header, ...lines] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe(
      'Thời điểm (giờ Việt Nam),Tài khoản,Tổ chức,Thao tác,Đợt khảo sát,Đối tượng,Chi tiết,Địa chỉ IP',
    );
    const added = lines.find((l) => l.includes('Tạo tài khoản'));
    expect(added).toMatch(/^\d{2} giờ \d{2} ngày \d{2}\/\d{2}\/\d{4},admin-/);
    expect(added).toContain('moi@dongnai.gov.vn,Vai trò: Cán bộ nội vụ');
    expect(lines.some((l) => l.includes('Đăng nhập không thành công'))).toBe(true);
    // No action code, JSON or ISO time reaches the reader.
    expect(text).not.toMatch(/user_added|login_failed|[{}"]role"|\d{4}-\d{2}-\d{2}T/);
  });
});

describe('what an audit row is about (qa8)', () => {
  it('names a point, a code batch, a person and a run where the target is an id; the CSV too', async () => {
    const ctx = await setup();
    const admin = await signIn(ctx, 'admin');
    const officer = await signIn(ctx, 'officer');
    const post = (who: typeof admin, path: string, body: unknown) =>
      who(path, { method: 'POST', body: JSON.stringify(body) });
    const sipas = (await (
      await post(officer, '/api/campaigns', { name: 'SIPAS 2026', kind: 'sipas' })
    ).json()) as { id: string };
    const point = (await (
      await post(officer, `/api/campaigns/${sipas.id}/points`, {
        name: 'Bộ phận Một cửa xã Tân Hưng',
        unitCode: 'X-TANHUNG',
      })
    ).json()) as { id: string };
    const batch = (await (
      await post(officer, `/api/campaigns/${sipas.id}/points/${point.id}/codes`, { count: 24 })
    ).json()) as { sheet: string };
    expect((await officer(batch.sheet)).status).toBe(200);
    const person = (await (
      await post(officer, `/api/campaigns/${DEMO_CAMPAIGN_ID}/respondents`, {
        name: 'Trần Thị Thu',
        groupCode: 'LD_UBND_XA',
        unitCode: 'X-ANPHU',
      })
    ).json()) as { respondentId: string };
    expect((await post(officer, `/api/campaigns/${DEMO_CAMPAIGN_ID}/close`, {})).status).toBe(200);
    const run = await post(admin, `/api/campaigns/${DEMO_CAMPAIGN_ID}/runs`, {});
    expect(run.status).toBe(201);

    const rows = (await (await admin('/api/audit')).json()) as AuditRow[];
    const about = (action: string) => rows.find((r) => r.action === action);
    expect(about('point_created')).toMatchObject({
      target: point.id,
      targetName: 'Bộ phận Một cửa xã Tân Hưng',
    });
    for (const action of ['codes_created', 'code_sheet_printed'])
      expect(about(action)?.targetName).toBe('Lô 24 mã dùng một lần, Bộ phận Một cửa xã Tân Hưng');
    expect(about('respondent_added')).toMatchObject({
      target: person.respondentId,
      targetName: 'Trần Thị Thu',
    });
    expect(about('scoring_run_created')?.targetName).toMatch(
      /^Lần tính chính thức lúc \d\d\/\d\d\/\d{4} \d\d:\d\d$/,
    );
    // A target that reads already has no name of its own.
    expect(about('campaign_close')).toMatchObject({ targetName: null });

    const csv = await (await admin('/api/audit.csv')).text();
    // The campaign by its name, as the console shows it.
    expect(csv).toContain(',SIPAS 2026,Bộ phận Một cửa xã Tân Hưng,');
    expect(csv).toContain(',Trần Thị Thu,');
    expect(csv).not.toContain(point.id);
  });
});
