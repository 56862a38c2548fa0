import { z } from 'zod';
import { Login, Me, PasswordChange, Session } from '../../contract/console/auth';
import { MoveBody } from '../../contract/console/organisations';
import {
  Account,
  AuditRow,
  NewUserBody,
  PasswordReset,
  UserPatch,
} from '../../contract/console/users';
import { ALL, type Endpoint } from './kit';

/** Sign-in and the administrators' screens (accounts, audit log). */
export const AUTH: Endpoint[] = [
  {
    method: 'post',
    path: '/api/auth/login',
    roles: [],
    tag: 'Đăng nhập',
    response: Session,
    request: Login,
    summary:
      'Đăng nhập (Content-Type: application/json, từ đúng PUBLIC_URL); đặt cookie phiên (HttpOnly, SameSite=Strict) và cookie thiết bị, trả về csrfToken. 429 proof_required: tìm nonce sao cho SHA-256(challenge:nonce) có đủ details.bits bit 0 đầu, gửi lại kèm proof: { challenge, nonce }. 503 busy: thử lại sau Retry-After giây',
    body: { email: 'canbo@example.vn', password: '…' },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    roles: ALL,
    tag: 'Đăng nhập',
    noContent: true,
    summary: 'Đăng xuất',
  },
  {
    method: 'get',
    path: '/api/auth/me',
    roles: [],
    tag: 'Đăng nhập',
    response: Me,
    summary:
      'Tài khoản đang đăng nhập và csrfToken ({ signedIn: true, … }); chưa đăng nhập hay phiên đã hết hạn: 200 { signedIn: false } (trang đăng nhập không để lại lỗi 401 trong trình duyệt)',
  },
  {
    method: 'post',
    path: '/api/auth/password',
    roles: ALL,
    tag: 'Đăng nhập',
    request: PasswordChange,
    noContent: true,
    summary: 'Đổi mật khẩu (đăng xuất các phiên khác)',
    body: { currentPassword: '…', newPassword: '…' },
  },
  {
    method: 'get',
    path: '/api/users',
    roles: ['admin'],
    tag: 'Quản trị',
    response: z.array(Account),
    summary: 'Danh sách tài khoản của tổ chức của quản trị viên và các tổ chức cấp dưới',
  },
  {
    method: 'post',
    path: '/api/users',
    roles: ['admin'],
    tag: 'Quản trị',
    response: Account,
    request: NewUserBody,
    created: true,
    summary:
      'Tạo tài khoản (admin, officer, analyst) trong tổ chức của quản trị viên, hoặc organisationId: một tổ chức cấp dưới',
    body: {
      email: 'moi@example.vn',
      name: 'Cán bộ mới',
      role: 'officer',
      password: 'mật-khẩu-đủ-dài',
    },
  },
  {
    method: 'patch',
    path: '/api/users/{uid}',
    roles: ['admin'],
    tag: 'Quản trị',
    response: Account,
    request: UserPatch,
    summary: 'Đổi tên, vai trò, khóa/mở khóa tài khoản',
    body: { name: 'Tên mới' },
  },
  {
    method: 'post',
    path: '/api/users/{uid}/move',
    roles: ['admin'],
    tag: 'Quản trị',
    response: Account,
    request: MoveBody,
    summary:
      'Chuyển tài khoản sang một tổ chức khác trong phạm vi của quản trị viên (ngoài phạm vi: 422 unknown_organisation; chính mình: 409 self_lockout); có hiệu lực từ yêu cầu tiếp theo, ghi nhật ký',
    body: { organisationId: 'root' },
  },
  {
    method: 'post',
    path: '/api/users/{uid}/reset-password',
    roles: ['admin'],
    tag: 'Quản trị',
    response: PasswordReset,
    summary:
      'Đặt lại mật khẩu: trả về mật khẩu dùng một lần (chỉ hiện một lần); tài khoản bị đăng xuất và phải đổi mật khẩu khi đăng nhập',
  },
  {
    method: 'get',
    path: '/api/audit',
    roles: ['admin'],
    tag: 'Quản trị',
    response: z.array(AuditRow),
    summary:
      'Nhật ký của tổ chức của quản trị viên và các tổ chức cấp dưới: ai, làm gì, khi nào (limit, offset)',
  },
  {
    method: 'get',
    path: '/api/audit.csv',
    roles: ['admin'],
    tag: 'Quản trị',
    summary: 'Xuất nhật ký (CSV)',
    produces: 'text/csv',
  },
];
