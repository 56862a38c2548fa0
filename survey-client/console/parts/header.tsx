import { AdminLink } from '../admin/admin-link';
import { ROLE_NAMES } from '../format';
import type { Session, User } from '../types';
import { Link } from './link';

/** The console's bar: where home is, who is signed in and as what, how to leave. */
export function Header({
  user,
  organisation,
  onSignOut,
}: {
  user: User;
  /** The account's organisation (issue #12): what it reaches is this one and those below it. */
  organisation?: Session['organisation'];
  onSignOut: () => void;
}) {
  return (
    <header class="top">
      <a class="skip" href="#main">
        Bỏ qua đến nội dung chính
      </a>
      <Link href="/console" class="brand">
        Khảo sát CCHC
        <small>Điều tra xã hội học</small>
      </Link>
      <div class="who">
        <AdminLink user={user} />
        <Link href="/console/account" class="user">
          <span class="name">{user.name}</span>
          <span class="role">{ROLE_NAMES[user.role]}</span>
          {organisation && (
            <span class="org" title="Tổ chức">
              {organisation.name}
            </span>
          )}
        </Link>
        <button type="button" class="signout" onClick={onSignOut}>
          Đăng xuất
        </button>
      </div>
    </header>
  );
}
