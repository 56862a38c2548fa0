import { useState } from 'preact/hooks';
import { api } from '../api';
import { ROLE_NAMES } from '../format';
import { FormEnd, useFormSend } from '../parts/form-end';
import { type Organisation, OrganisationSelect } from '../parts/organisations';
import type { Role } from '../types';
import type { Account } from './types';

export const ROLES = Object.keys(ROLE_NAMES) as Role[];

export const ROLE_HINTS: Record<Role, string> = {
  admin: 'mọi việc, kể cả tài khoản và nhật ký',
  officer: 'đợt khảo sát, danh sách, lời mời, phiếu giấy; không xem kết quả',
  analyst: 'kết quả và số liệu; không xem họ tên người được khảo sát',
};

const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 14 characters from an alphabet without look-alikes (no 0/O, 1/l/I), read out by phone. */
function randomPassword(): string {
  const bytes = new Uint8Array(14);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join('');
}

/** The form that adds an account, with a role (an officer unless changed) and a first password. */
export function AddAccount({
  organisations = [],
  onAdded,
  onCancel,
}: {
  /** With sub-organisations: which one the account belongs to (the admin's own first). */
  organisations?: readonly Organisation[];
  onAdded: (a: Account) => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  // An officer unless the admin says otherwise: never an admin by oversight.
  const [role, setRole] = useState<Role>('officer');

  const { error, busy, submit } = useFormSend(async (text) =>
    onAdded(
      await api<Account>('POST', '/api/users', {
        email: text('email'),
        name: text('name'),
        role,
        password,
        ...(organisations.length > 0 ? { organisationId: text('organisationId') } : {}),
      }),
    ),
  );

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
      {organisations.length > 0 && (
        <OrganisationSelect
          label="Thuộc tổ chức"
          name="organisationId"
          organisations={organisations}
        />
      )}
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
      <FormEnd
        error={error}
        busy={busy}
        label="Tạo tài khoản"
        busyLabel="Đang tạo…"
        onCancel={onCancel}
      />
    </form>
  );
}
