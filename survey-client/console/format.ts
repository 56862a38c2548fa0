import type { ImportRow, InvitationStatus, Phase, Role, Severity } from './types';

export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Quản trị',
  officer: 'Cán bộ nội vụ',
  analyst: 'Phân tích, thẩm định',
};

export const PHASE_NAMES: Record<Phase, string> = {
  not_open: 'Chưa mở',
  open: 'Đang mở',
  closed: 'Đã đóng',
};

export const STATUS_NAMES: Record<InvitationStatus, string> = {
  not_opened: 'Chưa mở',
  opened: 'Đã mở',
  in_progress: 'Đang trả lời',
  submitted: 'Đã gửi',
  revoked: 'Đã thu hồi',
};

export const CHANNELS = [
  ['phone', 'Điện thoại'],
  ['zalo', 'Zalo'],
  ['sms', 'SMS'],
  ['email', 'E-mail'],
  ['other', 'Khác'],
] as const;
export type Channel = (typeof CHANNELS)[number][0];

// Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact.
const VN_OFFSET_MS = 7 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

function vnParts(iso: string) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const d = new Date(t + VN_OFFSET_MS);
  return {
    y: d.getUTCFullYear(),
    mo: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    h: pad(d.getUTCHours()),
    mi: pad(d.getUTCMinutes()),
  };
}

/** "05/12/2023 08:30" in Vietnam time; '—' for none. */
export function vnDateTime(iso: string | null | undefined): string {
  const p = iso ? vnParts(iso) : null;
  return p ? `${p.d}/${p.mo}/${p.y} ${p.h}:${p.mi}` : '—';
}

/** "2023-12-05" (a Vietnam calendar day from the server) → "05/12/2023". */
export function vnDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** An instant → the value of an <input type="datetime-local"> read as Vietnam time. */
export function toVnInput(iso: string | null | undefined): string {
  const p = iso ? vnParts(iso) : null;
  return p ? `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}` : '';
}

/** A datetime-local value typed as Vietnam time → ISO 8601 with +07:00; null when empty. */
export function fromVnInput(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  return m ? `${m[1]}T${m[2]}:00+07:00` : null;
}

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** 45.5 → "45,5%". */
export const percent = (n: number) => `${number.format(n)}%`;

/** Whole numbers with Vietnamese grouping: 1234 → "1.234". */
export const count = (n: number) => number.format(n);

/** The roster's columns as the office calls them. */
export { FIELD_LABELS, REQUIRED_FIELDS, ROSTER_FIELDS } from '../../contract/console/roster';

export const ROW_STATUS_NAMES: Record<ImportRow['status'], string> = {
  new: 'Thêm mới',
  update: 'Cập nhật',
  unchanged: 'Không đổi',
  confirm: 'Cần xác nhận',
  skipped: 'Bỏ qua',
  error: 'Lỗi',
};

export const SEVERITY_NAMES: Record<Severity, string> = {
  error: 'Lỗi',
  confirm: 'Cần xác nhận',
  warning: 'Cảnh báo',
  info: 'Ghi chú',
};

/** "Dòng 158 (STT 157)": offices talk about rows by their STT when it differs. */
export function rowLabel(row: number, stt: string | null): string {
  return stt && stt !== String(row) ? `Dòng ${row} (STT ${stt})` : `Dòng ${row}`;
}
