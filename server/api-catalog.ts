import type { Role } from './db/schema';

/**
 * Every console endpoint, who may call it, and what it does: the source of /api/openapi.json and
 * of the role-matrix test (test/server/roles.test.ts), which fails if a route lets in a role that
 * is not listed here, or if a route exists that is not listed.
 */
export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, parameters in braces. */
  path: string;
  /** Who may call it; empty = anyone (sign-in). */
  roles: Role[];
  summary: string;
  tag: string;
  /** An example body, for documentation and for the role test. */
  body?: Record<string, unknown>;
  query?: string;
  /** Response content type when not JSON. */
  produces?: string;
}

const STAFF: Role[] = ['admin', 'officer'];
const ALL: Role[] = ['admin', 'officer', 'analyst'];
const ANALYSTS: Role[] = ['admin', 'analyst'];

export const CATALOG: Endpoint[] = [
  {
    method: 'post',
    path: '/api/auth/login',
    roles: [],
    tag: 'Đăng nhập',
    summary:
      'Đăng nhập (Content-Type: application/json, từ đúng PUBLIC_URL); đặt cookie phiên (HttpOnly, SameSite=Strict) và cookie thiết bị, trả về csrfToken. 429 proof_required: tìm nonce sao cho SHA-256(challenge:nonce) có đủ details.bits bit 0 đầu, gửi lại kèm proof: { challenge, nonce }. 503 busy: thử lại sau Retry-After giây',
    body: { email: 'canbo@example.vn', password: '…' },
  },
  { method: 'post', path: '/api/auth/logout', roles: ALL, tag: 'Đăng nhập', summary: 'Đăng xuất' },
  {
    method: 'get',
    path: '/api/auth/me',
    roles: ALL,
    tag: 'Đăng nhập',
    summary: 'Tài khoản đang đăng nhập và csrfToken',
  },
  {
    method: 'post',
    path: '/api/auth/password',
    roles: ALL,
    tag: 'Đăng nhập',
    summary: 'Đổi mật khẩu (đăng xuất các phiên khác)',
    body: { currentPassword: '…', newPassword: '…' },
  },
  {
    method: 'get',
    path: '/api/campaigns',
    roles: ALL,
    tag: 'Đợt khảo sát',
    summary: 'Danh sách đợt khảo sát, trạng thái và số phiếu',
  },
  {
    method: 'post',
    path: '/api/campaigns',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    summary: 'Tạo đợt khảo sát từ bộ chỉ số Hớn Quản 2023 hoặc sao chép đợt trước (copyOf)',
    body: { name: 'Khảo sát 2024', contactName: 'Phòng Nội vụ', contactPhone: '0271 3645 123' },
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}',
    roles: ALL,
    tag: 'Đợt khảo sát',
    summary: 'Chi tiết đợt khảo sát: nhóm đối tượng, đơn vị',
  },
  {
    method: 'patch',
    path: '/api/campaigns/{id}',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    summary: 'Sửa tên, thời gian (giờ Việt Nam, ISO 8601), liên hệ, chỉ tiêu tỷ lệ trả lời',
    body: { contactPhone: '0271 3645 123' },
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/open',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    summary: 'Mở đợt khảo sát ngay',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/close',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    summary: 'Đóng đợt khảo sát ngay',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/definition',
    roles: ALL,
    tag: 'Đợt khảo sát',
    summary:
      'Bộ chỉ số của đợt: phiếu, câu hỏi, tiêu chí, điểm, cách tính (editable: còn sửa được không)',
  },
  {
    method: 'put',
    path: '/api/campaigns/{id}/definition',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    summary:
      'Sửa bộ chỉ số trước khi mở đợt (lưu thành phiên bản mới); lỗi 422 liệt kê từng vấn đề',
    body: { definition: {} },
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/roster/preview',
    roles: STAFF,
    tag: 'Danh sách',
    summary:
      'Xem trước việc nhập danh sách (.xlsx/.csv, multipart: file, mapping?, confirm?, distinct?): mọi lỗi theo số dòng, không ghi gì',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/roster/import',
    roles: STAFF,
    tag: 'Danh sách',
    summary:
      'Nhập danh sách: tất cả dòng hợp lệ hoặc không gì cả (skipInvalid=true: chỉ các dòng hợp lệ); cập nhật người đã có mà không đổi đường dẫn',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/respondents',
    roles: STAFF,
    tag: 'Danh sách',
    summary:
      'Thêm một người vào danh sách (chuẩn hóa như khi nhập tệp) kèm lời mời; 409 nếu trùng người đã có',
    body: {
      name: 'Nguyễn Văn A',
      groupCode: 'LD_UBND_XA',
      unitCode: 'X-ANPHU',
      phone: '0912345678',
    },
  },
  {
    method: 'patch',
    path: '/api/campaigns/{id}/respondents/{respondentId}',
    roles: STAFF,
    tag: 'Danh sách',
    summary:
      'Sửa thông tin một người (từng trường); đường dẫn giữ nguyên; không đổi nhóm khi đã gửi phiếu',
    body: { position: 'Trưởng phòng' },
  },
  {
    method: 'delete',
    path: '/api/campaigns/{id}/respondents/{respondentId}',
    roles: STAFF,
    tag: 'Danh sách',
    summary:
      'Xóa một người chưa gửi phiếu (người, lời mời, bản nháp, lịch sử); 409 khi đã gửi phiếu',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/units',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    summary:
      'Nhập danh sách đơn vị (.xlsx/.csv, multipart: file; cột Mã, Tên đơn vị, Loại, Đơn vị cấp trên) thành bộ đơn vị mới, chỉ trước khi mở đợt; tất cả hoặc không gì cả',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/purge-personal-data',
    roles: ['admin'],
    tag: 'Đợt khảo sát',
    summary:
      'Xóa họ tên, điện thoại, e-mail của danh sách khi đợt đã đóng và kết quả đã khóa (Nghị định 13/2023); số liệu và trạng thái giữ nguyên',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/invitations',
    roles: STAFF,
    tag: 'Lời mời',
    summary: 'Danh sách lời mời (lọc: status, group, unit, ids)',
    query: 'status=not_opened,opened',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/invitations/{inv}/reissue',
    roles: STAFF,
    tag: 'Lời mời',
    summary:
      'Cấp lại đường dẫn (đường dẫn cũ hết hiệu lực ngay; đường dẫn mới chưa được mở trên thiết bị nào, bản nháp cũ bị xoá; giữ trạng thái)',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/invitations/{inv}/revoke',
    roles: STAFF,
    tag: 'Lời mời',
    summary: 'Thu hồi đường dẫn (không áp dụng khi đã gửi phiếu)',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/invitations/{inv}/reminders',
    roles: STAFF,
    tag: 'Theo dõi',
    summary: 'Ghi nhận đã nhắc (phone, zalo, sms, email, other)',
    body: { channel: 'zalo' },
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/slips',
    roles: STAFF,
    tag: 'Lời mời',
    summary: 'Trang in phiếu mời có mã QR (A4, 8 phiếu/trang, theo đơn vị)',
    produces: 'text/html',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/links.csv',
    roles: STAFF,
    tag: 'Lời mời',
    summary: 'Xuất danh sách đường dẫn và tin nhắn mời (CSV, UTF-8 BOM)',
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/links.xlsx',
    roles: STAFF,
    tag: 'Lời mời',
    summary: 'Xuất danh sách đường dẫn và tin nhắn mời (Excel)',
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/paper',
    roles: STAFF,
    tag: 'Phiếu giấy',
    summary:
      'Trang in phiếu giấy (A4), mỗi người: cuống phiếu (tên, mã QR, mã phiếu giấy) và các tờ trả lời của nhóm với số phiếu mới, không gắn với ai (lọc: group, unit, ids; chỉ người chưa gửi, chưa thu hồi)',
    query: 'group=LD_UBND_XA',
    produces: 'text/html',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/paper/stubs',
    roles: STAFF,
    tag: 'Phiếu giấy',
    summary:
      'Nhận cuống phiếu giấy theo mã phiếu giấy: đường dẫn của người đó được tính là đã gửi (404 mã không có, 409 đã gửi hoặc đã thu hồi)',
    body: { code: 'K7QM-4X2P' },
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/paper/serials/{serial}',
    roles: STAFF,
    tag: 'Phiếu giấy',
    summary:
      'Tra số phiếu trước khi nhập: nhóm đối tượng của các tờ đã in với số phiếu này và đã nhập hay chưa (422 số phiếu sai ký tự kiểm tra, 404 không có trong đợt). Không trả lại câu trả lời',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/paper/entries',
    roles: STAFF,
    tag: 'Phiếu giấy',
    summary:
      'Nhập tờ trả lời theo số phiếu, kiểm tra như phiếu trực tuyến và lưu không gắn với ai (404 số phiếu không có, 409 serial_used đã nhập, 409 no_stub chưa nhận đủ cuống phiếu, 422 câu trả lời chưa hợp lệ); ô bỏ trống hoặc đánh dấu nhiều ô được nhập là E. Không trả lại câu trả lời',
    body: { serial: 'K7QM-4X2P-R', answers: [] },
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/tracking',
    roles: ALL,
    tag: 'Theo dõi',
    summary:
      'Số lời mời, đã mở, đang trả lời, đã gửi theo nhóm × đơn vị và theo ngày (không có tên)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/non-responders',
    roles: STAFF,
    tag: 'Theo dõi',
    summary: 'Người chưa trả lời để nhắc (format=csv để xuất)',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/runs',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'Tính điểm (chỉ khi đợt đã đóng, nếu không 409 campaign_open): không có method là lần tính chính thức; method khác thiết lập của đợt là thử nghiệm (không hạ được ngưỡng nhóm nhỏ)',
    body: { method: { weighting: 'POOLED' } },
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'Các lần tính điểm: bộ chỉ số, thiết lập, chính thức/thử nghiệm, khóa, dấu vân tay, còn khớp dữ liệu hiện tại không',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'Kết quả của một lần tính (JSON như shared contract: method, fingerprint, units; số liệu nhóm dưới ngưỡng là null)',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/runs/{run}/lock',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'Khóa lần tính để công bố (409: thử nghiệm trial_run, đã khóa already_locked, dữ liệu đã đổi stale_run)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}/distributions',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary: 'Phân bố A–E theo câu hỏi × đơn vị (ẩn theo quy tắc nhóm nhỏ)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}/export.json',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary: 'Xuất kết quả (JSON)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}/export.csv',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary: 'Xuất kết quả dạng dài: một dòng mỗi đơn vị × chỉ tiêu (CSV, UTF-8 BOM)',
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}/export.xlsx',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'Xuất kết quả (Excel): tổng hợp theo chỉ số, tiêu chí, nhóm, phân bố, phương pháp và dấu vân tay',
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}/compare',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'So sánh với đợt trước (with=<mã đợt>; mặc định đợt gần nhất đã đóng trước đợt này, có kết quả đã khóa và cùng tiêu chí): mỗi đơn vị (theo mã) điểm và tỷ lệ % khảo sát, Chỉ số CCHC, hạng năm nay và năm trước, thay đổi hạng (dương: tăng hạng); mỗi tiêu chí (theo mã) điểm và tỷ lệ hai năm; đơn vị, tiêu chí chỉ có ở một bên được ghi rõ',
    query: 'with=dot-truoc',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/self-assessment',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'Nhập điểm tự đánh giá đã thẩm định (.xlsx/.csv, multipart: file, preview=true để xem trước): cột Mã đơn vị/Đơn vị, Điểm tự đánh giá đã thẩm định (hoặc Điểm), LV1…LV8 nếu có; mọi lỗi theo số dòng (422 self_assessment_invalid), tất cả hoặc không gì cả, thay cho lần nhập trước; khi đợt đang mở hoặc đã đóng (409 campaign_not_open trước khi mở). Lần tính đã có giữ nguyên: Chỉ số CCHC tổng có ở lần tính sau',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/self-assessment',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'Điểm tự đánh giá đã thẩm định đang có: thời điểm nhập, người nhập, dấu vân tay, điểm từng đơn vị (và từng lĩnh vực), đơn vị chưa có điểm',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/raw-answers.csv',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'Dữ liệu thô ẩn danh, một dòng mỗi câu trả lời, bỏ các ô đơn vị × nhóm dưới ngưỡng; quá 1.048.575 dòng thì chia phần (part=2…, header X-Total-Parts)',
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/raw-answers-codebook.csv',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary: 'Bảng mã của dữ liệu thô: biến, nhóm, phiếu, câu hỏi, phương án, đơn vị, các ô đã bỏ',
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/raw-answers.xlsx',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary: 'Dữ liệu thô ẩn danh (Excel): các trang "Dữ liệu", "Dữ liệu (2)"… và bảng mã "Mã hóa"',
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/comments',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'Ý kiến tự do (không gắn với phiếu) và trạng thái duyệt: pending, cleared (đã che tên), withheld (không công bố)',
  },
  {
    method: 'put',
    path: '/api/campaigns/{id}/comments/{commentId}',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary: 'Lưu bản đã che tên của một ý kiến để xuất ("" = không công bố)',
    body: { text: 'Cần rút ngắn thời gian giải quyết hồ sơ của [tên đã che].' },
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/comments.csv',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary: 'Xuất các ý kiến đã duyệt, bản đã che tên (CSV, UTF-8 BOM)',
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/api/users',
    roles: ['admin'],
    tag: 'Quản trị',
    summary: 'Danh sách tài khoản',
  },
  {
    method: 'post',
    path: '/api/users',
    roles: ['admin'],
    tag: 'Quản trị',
    summary: 'Tạo tài khoản (admin, officer, analyst)',
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
    summary: 'Đổi tên, vai trò, khóa/mở khóa tài khoản',
    body: { name: 'Tên mới' },
  },
  {
    method: 'get',
    path: '/api/audit',
    roles: ['admin'],
    tag: 'Quản trị',
    summary: 'Nhật ký: ai, làm gì, khi nào (limit, offset)',
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
