import { escapeHtml } from './html';

/**
 * Issue #13.2: links printed with `http://localhost:…` open nowhere but on the server itself: a
 * whole print run of slips wasted. PUBLIC_URL is the address respondents' phones reach; when it is
 * a loopback address (never set, or set wrong) every page and command that prints or exports
 * links says so, in words an officer understands.
 */

function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '::1' ||
    h === '0.0.0.0' ||
    /^127(\.\d{1,3}){3}$/.test(h)
  );
}

/** The warning for a PUBLIC_URL that phones cannot reach, or null when it looks reachable. */
export function publicUrlProblem(publicUrl: string): string | null {
  let host: string;
  try {
    host = new URL(publicUrl).hostname;
  } catch {
    return `Địa chỉ công khai của hệ thống (PUBLIC_URL) "${publicUrl}" không hợp lệ.`;
  }
  if (!isLoopback(host)) return null;
  return (
    `Địa chỉ công khai của hệ thống đang là ${publicUrl}: đường dẫn và mã QR in ra, gửi đi ` +
    'sẽ không mở được trên điện thoại của người được khảo sát. Trước khi in phiếu mời, phiếu ' +
    'giấy hay gửi danh sách đường dẫn, hãy nhờ người quản trị đặt PUBLIC_URL là địa chỉ mọi ' +
    'người truy cập được (ví dụ https://khaosat.tinh.gov.vn) rồi khởi động lại máy chủ.'
  );
}

/** The same warning on a printable page: on screen only (the bar is not printed). */
export function publicUrlBanner(publicUrl: string): string {
  const problem = publicUrlProblem(publicUrl);
  return problem
    ? `<div class="bar url-warning" role="alert" style="background:#fdecea;color:#8a1c1c;border:2px solid #c62828;font-weight:600">⚠ ${escapeHtml(problem)}</div>`
    : '';
}
