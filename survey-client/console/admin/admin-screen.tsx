import { Link } from '../parts/link';
import type { User } from '../types';
import { AuditLog } from './audit';
import { Organisations } from './organisations';
import { Users } from './users';
import './admin.css';

export type AdminPage = 'users' | 'organisations' | 'audit';

const PAGES: { page: AdminPage; label: string; href: string }[] = [
  { page: 'users', label: 'Tài khoản', href: '/console/admin/users' },
  { page: 'organisations', label: 'Tổ chức', href: '/console/admin/organisations' },
  { page: 'audit', label: 'Nhật ký', href: '/console/admin/audit' },
];

/** "Quản trị": accounts, organisations and the audit log, for admins only (the server checks too). */
export function AdminScreen({ page, user }: { page: AdminPage; user: User }) {
  if (user.role !== 'admin') {
    return (
      <>
        <h1>Quản trị</h1>
        <p class="notice error" role="alert">
          Tài khoản của Ông/Bà không có quyền xem mục này.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Quản trị</h1>
      <nav class="tabs" aria-label="Các mục quản trị">
        {PAGES.map((p) => (
          <Link key={p.page} href={p.href} current={p.page === page}>
            {p.label}
          </Link>
        ))}
      </nav>
      {page === 'audit' ? (
        <AuditLog />
      ) : page === 'organisations' ? (
        <Organisations />
      ) : (
        <Users me={user} />
      )}
    </>
  );
}
