import { useState } from 'preact/hooks';
import type { Organisation } from '../../../contract/console/organisations';
import { api } from '../api';
import { ROLE_NAMES, vnDateTime } from '../format';
import { CardTable, NameCell } from '../parts/card-table';
import { useConfirm } from '../parts/confirm';
import { Done, ErrorNotice, Loading } from '../parts/notice';
import { useOrganisations } from '../parts/organisations';
import { Who } from '../parts/who';
import type { Role, User } from '../types';
import { useLoad } from '../use-load';
import { AddAccount, ROLE_HINTS, ROLES } from './add-account';
import type { Account, PasswordReset } from './types';

/**
 * Accounts: who can sign in and as what; add one, change a role or (with sub-organisations) its
 * organisation, lock or unlock.
 */
export function Users({ me }: { me: User }) {
  const list = useLoad<Account[]>('/api/users');
  const organisations = useOrganisations().data ?? [];
  const parent = organisations.length > 1;
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
          organisations={parent ? organisations : []}
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
        <CardTable
          class="cards accounts"
          columns={[
            'Họ và tên',
            'E-mail',
            parent && 'Tổ chức',
            'Vai trò',
            'Trạng thái',
            'Tạo lúc',
            'Thao tác',
          ]}
        >
          {list.data.map((a) => (
            <AccountRow
              key={a.id}
              account={a}
              self={a.id === me.id}
              organisations={parent ? organisations : []}
              onUpdate={replace}
            />
          ))}
        </CardTable>
      )}
    </>
  );
}

function AccountRow({
  account: a,
  self,
  organisations,
  onUpdate,
}: {
  account: Account;
  self: boolean;
  /** The admin's subtree when it has sub-organisations (the column is shown), else none. */
  organisations: readonly Organisation[];
  onUpdate: (a: Account) => void;
}) {
  const showOrganisation = organisations.length > 0;
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

  // Issue #12: to another organisation of the admin's reach; it then sees that one's subtree.
  const move = async (e: Event) => {
    const select = e.currentTarget as HTMLSelectElement;
    const to = organisations.find((o) => o.id === select.value);
    select.value = a.organisation.id;
    if (!to || to.id === a.organisation.id) return;
    const yes = await ask({
      title: 'Chuyển sang tổ chức khác?',
      text: `${a.name} (${a.email}) sẽ từ «${a.organisation.name}» sang «${to.name}»: từ thao tác tiếp theo chỉ thấy các đợt khảo sát, tài khoản và nhật ký của «${to.name}» và các tổ chức cấp dưới.`,
      ok: 'Chuyển tổ chức',
    });
    if (!yes) return;
    setBusy(true);
    setError(null);
    setDone('');
    try {
      onUpdate(
        await api<Account>('POST', `/api/users/${encodeURIComponent(a.id)}/move`, {
          organisationId: to.id,
        }),
      );
      setDone(`Đã chuyển sang «${to.name}».`);
    } catch (err) {
      setError(err);
    }
    setBusy(false);
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

  const [oneTime, setOneTime] = useState('');
  const reset = async () => {
    const yes = await ask({
      title: 'Đặt lại mật khẩu?',
      text: `${a.name} (${a.email}) bị đăng xuất ngay. Hệ thống tạo một mật khẩu dùng một lần để Ông/Bà trao trực tiếp; khi đăng nhập, người dùng phải đổi sang mật khẩu của riêng mình.`,
      ok: 'Đặt lại mật khẩu',
    });
    if (!yes) return;
    setBusy(true);
    setError(null);
    setDone('');
    try {
      const r = await api<PasswordReset>(
        'POST',
        `/api/users/${encodeURIComponent(a.id)}/reset-password`,
      );
      setOneTime(r.oneTimePassword);
      onUpdate({ ...a, mustChangePassword: true });
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  return (
    <tr class={a.disabled ? 'disabled' : undefined}>
      <NameCell>
        {a.name}
        {self && <small>Tài khoản của Ông/Bà</small>}
      </NameCell>
      <td data-label="E-mail" class="email">
        {/* On a laptop a long address may go to a second line at its «@», and nowhere else. */}
        {a.email.split('@')[0]}
        <wbr />@{a.email.split('@').slice(1).join('@')}
      </td>
      {showOrganisation && (
        <td data-label="Tổ chức" class={self ? undefined : 'org'}>
          {/* An admin does not move their own account (the server refuses it too). */}
          {self ? (
            a.organisation.name
          ) : (
            <select
              value={a.organisation.id}
              disabled={busy}
              onChange={move}
              aria-label={`Tổ chức của ${a.name}`}
            >
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {`${'\u00a0\u00a0'.repeat(o.depth)}${o.name}`}
                </option>
              ))}
            </select>
          )}
        </td>
      )}
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
        {!a.disabled && a.mustChangePassword && <small> · chờ đổi mật khẩu</small>}
      </td>
      <td data-label="Tạo lúc">{vnDateTime(a.createdAt)}</td>
      <td class="actions-cell">
        <div class="row-actions">
          {/* An admin cannot lock or reset their own account (the server refuses the lock too):
              their own password is changed on the Tài khoản page. */}
          {!self && (
            <button type="button" disabled={busy} onClick={reset}>
              Đặt lại mật khẩu
              <Who name={a.name} />
            </button>
          )}
          {!self && (
            <button
              type="button"
              class={a.disabled ? undefined : 'danger-outline'}
              disabled={busy}
              onClick={toggle}
            >
              {a.disabled ? 'Mở khóa' : 'Khóa tài khoản'}
              <Who name={a.name} />
            </button>
          )}
          {oneTime && (
            <Done>
              Mật khẩu dùng một lần của {a.email}: <code class="one-time">{oneTime}</code>. Chỉ hiện
              lần này — hãy trao trực tiếp cho người dùng; khi đăng nhập họ phải đổi mật khẩu.
            </Done>
          )}
          {done && <Done>{done}</Done>}
          {error !== null && <ErrorNotice error={error} />}
        </div>
        {dialog}
      </td>
    </tr>
  );
}
