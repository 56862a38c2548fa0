import {
  BulkReminder,
  BulkReminderReply,
  Invitation,
  InvitationPage,
  NonResponderPage,
  Reminder,
} from '../../contract/console/invitations';
import {
  EntryReply,
  PaperEntry,
  SerialLookup,
  Stub,
  StubReply,
} from '../../contract/console/paper';
import { NewPerson, PersonPatch } from '../../contract/console/people';
import { ImportResult, PersonReply, Removed } from '../../contract/console/roster-schema';
import { Tracking } from '../../contract/console/tracking';
import { ALL, type Endpoint, STAFF } from './kit';

/** The roster, invitations, tracking and paper forms. */
export const PEOPLE: Endpoint[] = [
  {
    method: 'post',
    path: '/api/campaigns/{id}/roster/preview',
    roles: STAFF,
    tag: 'Danh sách',
    response: ImportResult,
    summary:
      'Xem trước việc nhập danh sách (.xlsx/.csv, multipart: file, mapping?, confirm?, distinct?, choose?): mọi lỗi theo số dòng, không ghi gì; distinct: các dòng trùng họ tên là người khác; choose: nhóm hoặc đơn vị chọn trong các gợi ý, theo số dòng',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/roster/template.xlsx',
    roles: STAFF,
    tag: 'Danh sách',
    summary:
      'Tệp mẫu danh sách (Excel): các cột với tiêu đề tiếng Việt và một dòng ví dụ; ô nhóm đối tượng và đơn vị công tác chọn trong các nhóm, đơn vị của đợt (trang «Nhóm đối tượng», «Đơn vị»)',
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/roster/import',
    roles: STAFF,
    tag: 'Danh sách',
    response: ImportResult,
    summary:
      'Nhập danh sách: tất cả dòng hợp lệ hoặc không gì cả (skipInvalid=true: chỉ các dòng hợp lệ); cập nhật người đã có mà không đổi đường dẫn',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/respondents',
    roles: STAFF,
    tag: 'Danh sách',
    request: NewPerson,
    response: PersonReply,
    created: true,
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
    request: PersonPatch,
    response: PersonReply,
    summary:
      'Sửa thông tin một người (từng trường); đường dẫn giữ nguyên; không đổi nhóm khi đã gửi phiếu',
    body: { position: 'Trưởng phòng' },
  },
  {
    method: 'delete',
    path: '/api/campaigns/{id}/respondents/{respondentId}',
    roles: STAFF,
    tag: 'Danh sách',
    response: Removed,
    summary:
      'Xóa một người chưa gửi phiếu (người, lời mời, bản nháp, lịch sử); 409 khi đã gửi phiếu',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/invitations',
    roles: STAFF,
    tag: 'Lời mời',
    response: InvitationPage,
    summary:
      'Một trang danh sách lời mời: page (từ 1), pageSize (mặc định 50, tối đa 200); tìm q theo họ tên, điện thoại, e-mail (không dấu cũng được); lọc status (nhiều, cách nhau dấu phẩy), group, unit, ids; sort unit|name|group|status|changed (thêm "-" để đảo chiều). Trả về items, total, page, pageSize và số phiếu mời QR (slips) sẽ in theo cùng bộ lọc. Tham số sai: 400 invalid_query',
    query: 'status=not_opened,opened&q=nguyen%20van&sort=name&page=1&pageSize=50',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/invitations/{inv}/reissue',
    roles: STAFF,
    tag: 'Lời mời',
    response: Invitation,
    summary:
      'Cấp lại đường dẫn (đường dẫn cũ hết hiệu lực ngay; đường dẫn mới chưa được mở trên thiết bị nào, bản nháp cũ bị xoá; giữ trạng thái)',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/invitations/{inv}/revoke',
    roles: STAFF,
    tag: 'Lời mời',
    response: Invitation,
    summary: 'Thu hồi đường dẫn (không áp dụng khi đã gửi phiếu)',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/reminders',
    roles: STAFF,
    tag: 'Theo dõi',
    request: BulkReminder,
    response: BulkReminderReply,
    summary:
      'Ghi nhận đã nhắc nhiều người một lần (channel): những người đã chọn (ids, tối đa 500) hoặc mọi người khớp bộ lọc (filter: q, status, group, unit như danh sách lời mời); chỉ tính đường dẫn chưa gửi, chưa thu hồi',
    body: { channel: 'zalo', filter: { group: 'LD_UBND_XA' } },
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/invitations/{inv}/reminders',
    roles: STAFF,
    tag: 'Theo dõi',
    request: Reminder,
    noContent: true,
    summary: 'Ghi nhận đã nhắc (phone, zalo, sms, email, other)',
    body: { channel: 'zalo' },
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/slips',
    roles: STAFF,
    tag: 'Lời mời',
    summary:
      'Trang in phiếu mời có mã QR (A4; layout=1|4|8 phiếu/trang, mặc định 8; arrange=units: theo đơn vị nối tiếp nhau, phiếu đầu mỗi đơn vị ghi tên đơn vị (mặc định), unit-pages: mỗi đơn vị sang trang mới, packed: xếp kín) của mọi đường dẫn chưa gửi, chưa thu hồi khớp bộ lọc như danh sách lời mời (q, status, group, unit, ids); gửi dần khi đang tạo, nén gzip',
    query: 'group=LD_UBND_XA&layout=4&arrange=unit-pages',
    produces: 'text/html',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/links.csv',
    roles: STAFF,
    tag: 'Lời mời',
    summary:
      'Xuất danh sách đường dẫn và tin nhắn mời (CSV, UTF-8 BOM), mọi dòng khớp bộ lọc như danh sách lời mời (q, status, group, unit, ids, sort)',
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/links.xlsx',
    roles: STAFF,
    tag: 'Lời mời',
    summary:
      'Xuất danh sách đường dẫn và tin nhắn mời (Excel), mọi dòng khớp bộ lọc như danh sách lời mời',
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
    request: Stub,
    response: StubReply,
    summary:
      'Nhận cuống phiếu giấy theo mã phiếu giấy: đường dẫn của người đó được tính là đã gửi (404 mã không có, 409 đã gửi hoặc đã thu hồi)',
    body: { code: 'K7QM-4X2P' },
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/paper/serials/{serial}',
    roles: STAFF,
    tag: 'Phiếu giấy',
    response: SerialLookup,
    summary:
      'Tra số phiếu trước khi nhập: nhóm đối tượng của các tờ đã in với số phiếu này và đã nhập hay chưa (422 số phiếu sai ký tự kiểm tra, 404 không có trong đợt). Không trả lại câu trả lời',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/paper/entries',
    roles: STAFF,
    tag: 'Phiếu giấy',
    request: PaperEntry,
    response: EntryReply,
    created: true,
    summary:
      'Nhập tờ trả lời theo số phiếu, kiểm tra như phiếu trực tuyến và lưu không gắn với ai (404 số phiếu không có, 409 serial_used đã nhập, 409 no_stub chưa nhận đủ cuống phiếu, 422 câu trả lời chưa hợp lệ); ô bỏ trống hoặc đánh dấu nhiều ô được nhập là E. Không trả lại câu trả lời',
    body: { serial: 'K7QM-4X2P-R', answers: [] },
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/tracking',
    roles: ALL,
    tag: 'Theo dõi',
    response: Tracking,
    summary:
      'Số lời mời, đã mở, đang trả lời, đã gửi theo nhóm × đơn vị và theo ngày (không có tên)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/non-responders',
    roles: STAFF,
    tag: 'Theo dõi',
    response: NonResponderPage,
    summary:
      'Một trang người chưa trả lời để nhắc (page, pageSize, q, group, unit, status, sort như danh sách lời mời); format=csv: mọi người khớp bộ lọc, không chia trang, tiêu đề cột tiếng Việt',
    query: 'group=LD_UBND_XA&q=an',
  },
];
