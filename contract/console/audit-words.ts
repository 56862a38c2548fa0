/**
 * The audit log in Vietnamese, for both places a person reads it: the console's log and the
 * exported `nhat-ky.csv` (issue #13.11: no action code, key or raw JSON reaches a reader). Pure,
 * no zod: the console bundle imports it. Times are formatted by the caller (`dateTime`).
 */
import { SLIP_ARRANGEMENT_NAMES, type SlipArrangement } from './invitation-list';

const ROLE_NAMES: Record<string, string> = {
  admin: 'Quản trị',
  officer: 'Cán bộ nội vụ',
  analyst: 'Phân tích, thẩm định',
};

const CHANNEL_NAMES: Record<string, string> = {
  phone: 'Điện thoại',
  zalo: 'Zalo',
  sms: 'SMS',
  email: 'E-mail',
  other: 'Khác',
};

const STATUS_NAMES: Record<string, string> = {
  not_opened: 'Chưa mở',
  opened: 'Đã mở',
  in_progress: 'Đang trả lời',
  submitted: 'Đã gửi',
  revoked: 'Đã thu hồi',
};

/** A scoring method's words (the run's settings; results/export/csv-people.ts says them too). */
export const WEIGHTING_WORDS: Record<string, string> = {
  EQUAL_GROUP: 'bình quân các nhóm đối tượng',
  POOLED: 'gộp mọi câu trả lời hợp lệ',
};
export const EMPTY_CRITERION_WORDS: Record<string, string> = {
  ZERO: 'tính 0 điểm, ghi "không đủ dữ liệu"',
  RESCALE: 'bỏ tiêu chí, quy đổi lại theo tổng điểm',
};

/** What each audited action is called (server: every `audit(db, { action })`). */
const ACTIONS: Record<string, string> = {
  login: 'Đăng nhập',
  login_failed: 'Đăng nhập không thành công',
  password_changed: 'Đổi mật khẩu',
  user_added: 'Tạo tài khoản',
  user_edited: 'Sửa tài khoản',
  password_reset: 'Đặt lại mật khẩu',
  organisation_added: 'Tạo tổ chức cấp dưới',
  organisation_renamed: 'Đổi tên tổ chức',
  user_moved: 'Chuyển tài khoản sang tổ chức khác',
  audit_exported: 'Xuất nhật ký',
  campaign_created: 'Tạo đợt khảo sát',
  campaign_edited: 'Sửa thông tin đợt khảo sát',
  campaign_open: 'Mở đợt khảo sát',
  campaign_reopen: 'Mở lại đợt khảo sát',
  campaign_close: 'Đóng đợt khảo sát',
  campaign_deleted: 'Xóa đợt khảo sát',
  campaign_archived: 'Lưu trữ đợt khảo sát',
  campaign_unarchived: 'Bỏ lưu trữ đợt khảo sát',
  campaign_moved: 'Chuyển đợt khảo sát sang tổ chức khác',
  definition_edited: 'Sửa bộ câu hỏi, cách tính điểm',
  'roster.import': 'Nhập danh sách',
  respondent_added: 'Thêm người vào danh sách',
  respondent_edited: 'Sửa thông tin người trong danh sách',
  respondent_removed: 'Xóa người khỏi danh sách',
  units_imported: 'Nhập danh sách đơn vị',
  self_assessment_imported: 'Nhập điểm tự đánh giá',
  invitation_reissue: 'Cấp lại đường dẫn',
  invitation_revoke: 'Thu hồi đường dẫn',
  reminder_sent: 'Ghi nhận đã nhắc',
  reminders_sent: 'Ghi nhận đã nhắc nhiều người',
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
  sipas_run_created: 'Tính kết quả SIPAS',
  sipas_run_locked: 'Khóa kết quả SIPAS để công bố',
  sipas_linked: 'Đưa kết quả SIPAS vào Chỉ số CCHC',
  sipas_unlinked: 'Bỏ kết quả SIPAS khỏi Chỉ số CCHC',
  sipas_paper_entered: 'Nhập phiếu giấy SIPAS',
  sipas_paper_printed: 'In phiếu giấy SIPAS',
  point_created: 'Tạo điểm thu thập (SIPAS)',
  point_edited: 'Sửa điểm thu thập (SIPAS)',
  point_deleted: 'Xóa điểm thu thập (SIPAS)',
  poster_printed: 'In áp phích điểm thu thập',
  codes_created: 'Tạo mã góp ý dùng một lần',
  code_sheet_printed: 'In tờ mã góp ý dùng một lần',
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
  total: 'Tổng số dòng',
  warnings: 'Dòng có cảnh báo',
  changes: 'Thay đổi',
  unitCode: 'Đơn vị',
  unitSet: 'Bộ đơn vị',
  units: 'Số đơn vị',
  previous: 'Bộ đơn vị trước',
  wasClaimed: 'Đã được mở trên một thiết bị',
  campaign: 'Đợt khảo sát',
  ids: 'Số người được chọn',
  layout: 'Số phiếu mỗi trang',
  arrange: 'Cách xếp',
  page: 'Trang',
  q: 'Tìm',
  sort: 'Sắp xếp',
  template: 'Mẫu',
  provinceCode: 'Mã tỉnh',
  parent: 'Tổ chức cấp trên',
  from: 'Từ',
  to: 'Sang',
  forms: 'Số phiếu đã xóa',
  people: 'Số người đã xóa',
  openNow: 'Xác nhận mở ngay',
  excludedDays: 'Số ngày bỏ ra',
  fieldCode: 'Lĩnh vực',
  maxPoints: 'Điểm tối đa',
  kind: 'Loại khảo sát',
  point: 'Điểm thu thập',
  size: 'Khổ giấy',
  serviceArea: 'Lĩnh vực',
  opens: 'Giờ mở cửa',
  closes: 'Giờ đóng cửa',
  weekdays: 'Ngày làm việc (1 = thứ Hai)',
  dailyLimit: 'Số lần góp ý mỗi ngày của một trình duyệt',
  scaleProfile: 'Thang điểm',
  weighting: 'Cách gộp các nhóm',
  groupWeights: 'Trọng số các nhóm',
  emptyCriterion: 'Tiêu chí không ai trả lời',
  minCellSize: 'Ngưỡng nhóm nhỏ (phiếu)',
};

function value(key: string, v: unknown, dateTime: (iso: string) => string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  if (typeof v === 'number') return v.toLocaleString('vi-VN');
  if (key === 'role' && typeof v === 'string') return ROLE_NAMES[v] ?? v;
  if (key === 'channel' && typeof v === 'string') return CHANNEL_NAMES[v] ?? v;
  if (key === 'status' && typeof v === 'string') return STATUS_NAMES[v] ?? v;
  if (key === 'via' && v === 'cli') return 'dòng lệnh';
  if (key === 'kind' && v === 'sipas') return 'khảo sát sự hài lòng (SIPAS)';
  if (key === 'weighting' && typeof v === 'string') return WEIGHTING_WORDS[v] ?? v;
  if (key === 'emptyCriterion' && typeof v === 'string') return EMPTY_CRITERION_WORDS[v] ?? v;
  if (key === 'arrange' && typeof v === 'string')
    return SLIP_ARRANGEMENT_NAMES[v as SlipArrangement] ?? v;
  if ((key === 'opensAt' || key === 'closesAt') && typeof v === 'string') return dateTime(v);
  if (Array.isArray(v)) return v.map((x) => value(key, x, dateTime)).join(', ');
  // Hashes are long and mean nothing to a reader: the start is enough to compare two lines.
  if ((key === 'fingerprint' || key === 'fileHash') && typeof v === 'string')
    return `${v.slice(0, 12)}…`;
  if (typeof v === 'object')
    // A nested record (a trial's settings, an edit's changes) reads like the outer one.
    return `(${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${KEYS[k] ?? k}: ${value(k, x, dateTime)}`)
      .join('; ')})`;
  return String(v);
}

/** `details` JSON → "Vai trò: Cán bộ nội vụ; Số lượng: 12". */
export function describeDetails(
  action: string,
  details: Record<string, unknown> | null,
  dateTime: (iso: string) => string,
): string {
  if (!details) return '';
  return Object.entries(details)
    .filter(([k]) => !(action === 'user_edited' && k === 'disabled'))
    .map(([k, v]) => `${KEYS[k] ?? k}: ${value(k, v, dateTime)}`)
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
