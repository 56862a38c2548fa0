import { Link } from '../parts/link';
import type { User } from '../types';
import './admin.css';

/** "Quản trị" in the header, for admins only: accounts and the audit log. */
export function AdminLink({ user }: { user: User }) {
  if (user.role !== 'admin') return null;
  return (
    <Link href="/console/admin/users" class="admin-link">
      Quản trị
    </Link>
  );
}
