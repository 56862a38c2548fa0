import { useState } from 'preact/hooks';
import { api } from '../api';
import { Done, ErrorNotice } from '../parts/notice';

/**
 * Password change; the server's rules and messages (too short, too simple, wrong current one).
 * `forced`: the password was set by someone else (an admin's reset, the first admin's printed
 * one) and the server refuses everything else until it is changed (issue #13.3).
 */
export function Account({
  forced = false,
  onChanged,
}: {
  forced?: boolean;
  onChanged?: () => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const currentPassword = String(f.get('currentPassword') ?? '');
    const newPassword = String(f.get('newPassword') ?? '');
    setError(null);
    setDone(false);
    setMismatch(newPassword !== String(f.get('again') ?? ''));
    if (newPassword !== String(f.get('again') ?? '')) return;
    setBusy(true);
    try {
      await api('POST', '/api/auth/password', { currentPassword, newPassword });
      form.reset();
      setDone(true);
      onChanged?.();
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  };

  return (
    <>
      <h1>{forced ? 'Đổi mật khẩu trước khi tiếp tục' : 'Tài khoản'}</h1>
      {forced && (
        <p class="notice" role="status">
          Mật khẩu Ông/Bà vừa dùng do quản trị viên đặt (hoặc được in ra khi cài đặt), chỉ dùng được
          một lần. Hãy chọn mật khẩu của riêng mình; sau đó mọi chức năng sẽ mở lại.
        </p>
      )}
      <form class="panel stack" onSubmit={submit} aria-labelledby="password-title">
        <h2 id="password-title">Đổi mật khẩu</h2>
        <p class="hint">
          Mật khẩu mới có ít nhất 10 ký tự. Sau khi đổi, các phiên đăng nhập khác của tài khoản này
          sẽ bị đăng xuất.
        </p>
        <label>
          {forced ? 'Mật khẩu dùng một lần' : 'Mật khẩu hiện tại'}
          <input name="currentPassword" type="password" autocomplete="current-password" required />
        </label>
        <label>
          Mật khẩu mới
          <input name="newPassword" type="password" autocomplete="new-password" required />
        </label>
        <label>
          Nhập lại mật khẩu mới
          <input name="again" type="password" autocomplete="new-password" required />
        </label>
        {mismatch && (
          <p class="notice error" role="alert">
            Mật khẩu nhập lại không khớp với mật khẩu mới.
          </p>
        )}
        {error !== null && <ErrorNotice error={error} />}
        {done && <Done>Đã đổi mật khẩu.</Done>}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Đổi mật khẩu'}
          </button>
        </div>
      </form>
    </>
  );
}
