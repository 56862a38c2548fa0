import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorNotice } from '../parts/notice';
import type { Session } from '../types';

/** Sign-in: e-mail and password; the server's message on a refusal (wrong password, too many tries). */
export function Login({
  expired,
  onSignedIn,
}: {
  expired: boolean;
  onSignedIn: (s: Session) => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const session = await api<Session>('POST', '/api/auth/login', {
        email: String(data.get('email') ?? '').trim(),
        password: String(data.get('password') ?? ''),
      });
      onSignedIn(session);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <h1>Đăng nhập</h1>
      <p class="lead">
        Khảo sát xã hội học Chỉ số CCHC — dành cho Phòng Nội vụ và Hội đồng thẩm định.
      </p>
      {expired && !error && (
        <p class="notice" role="status">
          Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
      <form class="stack" onSubmit={submit}>
        <label>
          E-mail
          <input name="email" type="email" autocomplete="username" required maxLength={200} />
        </label>
        <label>
          Mật khẩu
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxLength={200}
          />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </main>
  );
}
