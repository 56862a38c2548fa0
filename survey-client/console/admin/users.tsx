import { useState } from 'preact/hooks';
import { api } from '../api';
import { ROLE_NAMES, vnDateTime } from '../format';
import { useConfirm } from '../parts/confirm';
import { Done, ErrorNotice, Loading } from '../parts/notice';
import { Who } from '../parts/who';
import type { Role, User } from '../types';
import { useLoad } from '../use-load';
import type { Account } from './types';

const ROLES = Object.keys(ROLE_NAMES) as Role[];

const ROLE_HINTS: Record<Role, string> = {
  admin: 'mọi việc, kể cả tài khoản và nhật ký',
  officer: 'đợt khảo sát, danh sách, lời mời, phiếu giấy; không xem kết quả',
  analyst: 'kết quả và số liệu; không xem họ tên người được khảo sát',
};

/** Accounts: who can sign in and as what; add one, change a role, lock or unlock. */
export function Users({ me }: { me: User }) {
  const list = useLoad<Account[]>('/api/users');
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<Account | null>(null);
  const replace = (a: Account) => list.setData((rows) => rows?.map((r) => (r.id === a.id ? a : r)));

  return (
    <>
      <div class="title-row">
        <h2>Tài khoản</h2>
        {!adding && (
          <button
            type="button"
            class="primary"
            onClick={() => {
              setAdded(null);
              setAdding(true);
            }}
          >
            Thêm tài khoản
          </button>
        )}
      </div>
      {adding && (
        <AddAccount
          onCancel={() => setAdding(false)}
          onAdded={(a) => {
            setAdding(false);
            setAdded(a);
            list.setData((rows) =>
              [...(rows ?? []), a].sort((x, y) => (x.email < y.email ? -1 : 1)),
            );
          }}
        />
      )}
      {added && (
        <Done>
          Đã tạo tài khoản {added.email} ({ROLE_NAMES[added.role]}). Hãy trao mật khẩu ban đầu trực
          tiếp cho người dùng và đề nghị họ đổi mật khẩu ngay sau lần đăng nhập đầu tiên.
        </Done>
      )}
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <div class="table-wrap">
          <table class="cards accounts">
            <thead>
              <tr>
                <th scope="col">Họ và tên</th>
                <th scope="col">E-mail</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Tạo lúc</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => (
                <AccountRow key={a.id} account={a} self={a.id === me.id} onUpdate={replace} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function AccountRow({
  account: a,
  self,
  onUpdate,
}: {
  account: Account;
  self: boolean;
  onUpdate: (a: Account) => void;
}) {
  const { ask, dialog } = useConfirm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');

  const patch = async (body: { role?: Role; disabled?: boolean }, message: string) => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      onUpdate(await api<Account>('PATCH', `/api/users/${encodeURIComponent(a.id)}`, body));
      setDone(message);
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  const changeRole = async (e: Event) => {
    const select = e.currentTarget as HTMLSelectElement;
    const role = select.value as Role;
    // The select shows the saved role until the server has taken the new one.
    select.value = a.role;
    if (role === a.role) return;
    const yes = await ask({
      title: 'Đổi vai trò?',
      text: `${a.name} (${a.email}) sẽ từ «${ROLE_NAMES[a.role]}» thành «${ROLE_NAMES[role]}»: ${ROLE_HINTS[role]}.`,
      ok: 'Đổi vai trò',
    });
    if (yes) await patch({ role }, `Đã đổi vai trò thành ${ROLE_NAMES[role]}.`);
  };

  const toggle = async () => {
    const lock = !a.disabled;
    const yes = await ask(
      lock
        ? {
            title: 'Khóa tài khoản?',
            text: `${a.name} (${a.email}) bị đăng xuất ngay và không đăng nhập được cho tới khi được mở khóa.`,
            ok: 'Khóa tài khoản',
            danger: true,
          }
        : {
            title: 'Mở khóa tài khoản?',
            text: `${a.name} (${a.email}) đăng nhập lại được với mật khẩu hiện có.`,
            ok: 'Mở khóa',
          },
    );
    if (yes) await patch({ disabled: lock }, lock ? 'Đã khóa tài khoản.' : 'Đã mở khóa tài khoản.');
  };

  return (
    <tr class={a.disabled ? 'disabled' : undefined}>
      <th scope="row" class="name">
        {a.name}
        {self && <small>Tài khoản của Ông/Bà</small>}
      </th>
      <td data-label="E-mail" class="email">
        {a.email}
      </td>
      <td data-label="Vai trò" class="role">
        <select
          value={a.role}
          disabled={busy}
          onChange={changeRole}
          aria-label={`Vai trò của ${a.name}`}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_NAMES[r]}
            </option>
          ))}
        </select>
      </td>
      <td data-label="Trạng thái">
        <span class={a.disabled ? 'status revoked' : 'status submitted'}>
          {a.disabled ? 'Đã khóa' : 'Đang hoạt động'}
        </span>
      </td>
      <td data-label="Tạo lúc">{vnDateTime(a.createdAt)}</td>
      <td class="actions-cell">
        <div class="row-actions">
          <button
            type="button"
            class={a.disabled ? undefined : 'danger-outline'}
            disabled={busy}
            onClick={toggle}
          >
            {a.disabled ? 'Mở khóa' : 'Khóa tài khoản'}
            <Who name={a.name} />
          </button>
          {done && <Done>{done}</Done>}
          {error !== null && <ErrorNotice error={error} />}
        </div>
        {dialog}
      </td>
    </tr>
  );
}

const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 14 characters from an alphabet without look-alikes (no 0/O, 1/l/I), read out by phone. */
function randomPassword(): string {
  const bytes = new Uint8Array(14);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join('');
}

function AddAccount({
  onAdded,
  onCancel,
}: {
  onAdded: (a: Account) => void;
  onCancel: () => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState('');
  // An officer unless the admin says otherwise: never an admin by oversight.
  const [role, setRole] = useState<Role>('officer');

  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      onAdded(
        await api<Account>('POST', '/api/users', {
          email: text('email'),
          name: text('name'),
          role,
          password,
        }),
      );
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form class="panel stack" onSubmit={submit} aria-labelledby="add-title">
      <h2 id="add-title">Thêm tài khoản</h2>
      <label>
        E-mail (dùng để đăng nhập)
        <input
          name="email"
          type="email"
          required
          maxLength={200}
          autocomplete="off"
          // biome-ignore lint/a11y/noAutofocus: the form opens on a button press, for typing
          autoFocus
        />
      </label>
      <label>
        Họ và tên
        <input name="name" required maxLength={200} autocomplete="off" />
      </label>
      <label>
        Vai trò
        <select
          name="role"
          value={role}
          aria-describedby="role-hint"
          onChange={(e) => setRole(e.currentTarget.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_NAMES[r]}
            </option>
          ))}
        </select>
      </label>
      <p id="role-hint" class="hint role-hint">
        {ROLE_NAMES[role]}: {ROLE_HINTS[role]}.
      </p>
      <div class="password-row">
        <label>
          Mật khẩu ban đầu
          <input
            name="password"
            type="text"
            required
            minLength={10}
            maxLength={200}
            autocomplete="off"
            spellcheck={false}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            aria-describedby="password-hint"
          />
        </label>
        <button type="button" onClick={() => setPassword(randomPassword())}>
          Tạo mật khẩu ngẫu nhiên
        </button>
      </div>
      <p id="password-hint" class="hint">
        Ít nhất 10 ký tự. Trao mật khẩu trực tiếp cho người dùng (không gửi qua nhóm chat); họ nên
        đổi mật khẩu ở mục Tài khoản ngay sau lần đăng nhập đầu tiên.
      </p>
      {error !== null && <ErrorNotice error={error} />}
      <div class="actions">
        <button type="button" onClick={onCancel}>
          Hủy
        </button>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Đang tạo…' : 'Tạo tài khoản'}
        </button>
      </div>
    </form>
  );
}
