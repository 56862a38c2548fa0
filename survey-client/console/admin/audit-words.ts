import { CHANNELS, ROLE_NAMES, vnDateTime } from '../format';
import type { Role } from '../types';

/** What each audited action is called (server: every `audit(db, { action })`). */
const ACTIONS: Record<string, string> = {
  login: 'Đăng nhập',
  login_failed: 'Đăng nhập không thành công',
  password_changed: 'Đổi mật khẩu',
  user_added: 'Tạo tài khoản',
  user_edited: 'Sửa tài khoản',
  audit_exported: 'Xuất nhật ký',
  campaign_created: 'Tạo đợt khảo sát',
  campaign_edited: 'Sửa thông tin đợt khảo sát',
  campaign_open: 'Mở đợt khảo sát',
  campaign_close: 'Đóng đợt khảo sát',
  definition_edited: 'Sửa bộ câu hỏi, cách tính điểm',
  'roster.import': 'Nhập danh sách',
  invitation_reissue: 'Cấp lại đường dẫn',
  invitation_revoke: 'Thu hồi đường dẫn',
  reminder_sent: 'Ghi nhận đã nhắc',
  slips_printed: 'In phiếu mời (QR)',
  links_exported: 'Xuất đường dẫn và tin nhắn',
  non_responders_exported: 'Xuất danh sách người chưa trả lời',
  paper_printed: 'In phiếu giấy',
  paper_stub_received: 'Nhận cuống phiếu giấy',
  paper_entered: 'Nhập phiếu giấy',
  scoring_run_created: 'Tính điểm',
  scoring_run_locked: 'Khóa kết quả để công bố',
  results_exported: 'Xuất kết quả',
  raw_answers_exported: 'Xuất dữ liệu thô',
  comment_redacted: 'Duyệt ý kiến',
  comments_exported: 'Xuất ý kiến',
  personal_data_purged: 'Xóa dữ liệu cá nhân',
};

/** The action in Vietnamese; an account edit says what changed. Unknown codes stay as they are. */
export function actionName(action: string, details: Record<string, unknown> | null): string {
  if (action === 'user_edited' && details) {
    if (details.disabled === true) return 'Khóa tài khoản';
    if (details.disabled === false) return 'Mở khóa tài khoản';
    if (typeof details.role === 'string' && Object.keys(details).length === 1) return 'Đổi vai trò';
  }
  return ACTIONS[action] ?? action;
}

const KEYS: Record<string, string> = {
  role: 'Vai trò',
  name: 'Tên',
  email: 'E-mail',
  count: 'Số lượng',
  group: 'Nhóm',
  groupCode: 'Nhóm',
  unit: 'Đơn vị',
  status: 'Trạng thái',
  format: 'Định dạng',
  channel: 'Kênh',
  code: 'Mã bộ chỉ số',
  version: 'Phiên bản',
  copyOf: 'Sao chép từ đợt',
  opensAt: 'Bắt đầu',
  closesAt: 'Kết thúc',
  contactName: 'Liên hệ',
  contactPhone: 'Điện thoại liên hệ',
  targetRate: 'Chỉ tiêu (%)',
  new: 'Thêm mới',
  updated: 'Cập nhật',
  unchanged: 'Không đổi',
  invalid: 'Dòng lỗi',
  confirm: 'Cần xác nhận',
  skipped: 'Bỏ qua',
  rows: 'Số dòng',
  leftOut: 'Ô bị bỏ (nhóm nhỏ)',
  part: 'Phần',
  official: 'Chính thức',
  submissions: 'Số phiếu',
  respondents: 'Số người',
  via: 'Qua',
  fingerprint: 'Dấu vân tay',
  fileHash: 'Mã tệp',
  settings: 'Thiết lập',
  ms: 'Thời gian (ms)',
};

const CHANNEL_NAMES: Record<string, string> = Object.fromEntries(CHANNELS);

function value(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  if (key === 'role' && typeof v === 'string') return ROLE_NAMES[v as Role] ?? v;
  if (key === 'channel' && typeof v === 'string') return CHANNEL_NAMES[v] ?? v;
  if ((key === 'opensAt' || key === 'closesAt') && typeof v === 'string') return vnDateTime(v);
  // Hashes are long and mean nothing to a reader: the start is enough to compare two lines.
  if ((key === 'fingerprint' || key === 'fileHash') && typeof v === 'string')
    return `${v.slice(0, 12)}…`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** `details` JSON → "Vai trò: Cán bộ Phòng Nội vụ; Số lượng: 12". */
export function describeDetails(action: string, details: Record<string, unknown> | null): string {
  if (!details) return '';
  return Object.entries(details)
    .filter(([k]) => !(action === 'user_edited' && k === 'disabled'))
    .map(([k, v]) => `${KEYS[k] ?? k}: ${value(k, v)}`)
    .join('; ');
}

/** The stored JSON, or null when empty or unreadable (then the raw text is shown). */
export function parseDetails(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
