import { useState } from 'preact/hooks';
import { type Proof, solveProof } from '../../shared/pow';
import { ApiFailure, api } from '../api';
import { ErrorNotice } from '../parts/notice';
import type { Session } from '../types';

/**
 * Sign-in: e-mail and password; the server's message on a refusal (wrong password, busy). When
 * the account has had failures from devices it does not know, the server asks this browser for a
 * proof of work (429 proof_required): it is solved here (about a second) and the sign-in sent again.
 */
export function Login({
  expired,
  onSignedIn,
}: {
  expired: boolean;
  onSignedIn: (s: Session) => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    const credentials = {
      email: String(data.get('email') ?? '').trim(),
      password: String(data.get('password') ?? ''),
    };
    let proof: Proof | undefined;
    for (let round = 0; ; round++) {
      try {
        const session = await api<Session>('POST', '/api/auth/login', {
          ...credentials,
          ...(proof ? { proof } : {}),
        });
        onSignedIn(session);
        return;
      } catch (err) {
        const challenge =
          err instanceof ApiFailure && err.code === 'proof_required'
            ? (err.details as { challenge?: string } | undefined)?.challenge
            : undefined;
        if (!challenge || round >= 3) {
          setChecking(false);
          setError(err);
          setBusy(false);
          return;
        }
        setChecking(true);
        proof = await solveProof(challenge);
      }
    }
  };

  return (
    <main class="login">
      <h1>Đăng nhập</h1>
      <p class="lead">
        Khảo sát xã hội học Chỉ số CCHC — dành cho cơ quan nội vụ và Hội đồng thẩm định.
      </p>
      {expired && !error && (
        <p class="notice" role="status">
          Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {checking && (
        <p class="notice" role="status">
          Đang xác minh thiết bị trước khi đăng nhập, vui lòng chờ trong giây lát…
        </p>
      )}
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
          {checking ? 'Đang xác minh…' : busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </main>
  );
}
