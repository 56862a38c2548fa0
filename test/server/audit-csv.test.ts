import { describe, expect, it } from 'vitest';
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
