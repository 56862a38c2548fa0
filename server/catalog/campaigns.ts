import { z } from 'zod';
import {
  Campaign,
  CampaignDetail,
  CampaignPatch,
  DefinitionBody,
  DefinitionReply,
  DeletedCampaign,
  NewCampaignBody,
  OpenCampaignBody,
  ProvinceInfo,
  PurgeResult,
  UnitImportResult,
} from '../../contract/console/campaigns';
import { MoveBody } from '../../contract/console/organisations';
import { ALL, type Endpoint, STAFF } from './kit';

/** Campaigns, their definition and units. */
export const CAMPAIGNS: Endpoint[] = [
  {
    method: 'get',
    path: '/api/campaigns',
    roles: ALL,
    tag: 'Đợt khảo sát',
    response: z.array(Campaign),
    summary:
      'Danh sách đợt khảo sát của tổ chức của tài khoản và các tổ chức cấp dưới, trạng thái và số phiếu; organisation=<id>: chỉ của tổ chức đó và cấp dưới của nó (ngoài phạm vi: 422 unknown_organisation); đợt đã lưu trữ chỉ hiện với archived=1',
  },
  {
    method: 'post',
    path: '/api/campaigns',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    request: NewCampaignBody,
    response: Campaign,
    created: true,
    summary:
      'Tạo đợt khảo sát (thời điểm bắt đầu đã qua: 409 opens_in_past, trừ khi gửi kèm openNow: true — đợt mở ngay và bộ câu hỏi bị cố định): mẫu cấp huyện Hớn Quản 2023 (mặc định), mẫu cấp tỉnh 2026 (template: province_2026, provinceCode: mã tỉnh; mã không có trong 34 tỉnh, thành phố: 422 unknown_province) hoặc sao chép đợt trước (copyOf). Đợt thuộc tổ chức của người tạo, hoặc organisationId: một tổ chức cấp dưới',
    body: { name: 'Khảo sát 2024', contactName: 'Phòng Nội vụ', contactPhone: '0271 3645 123' },
  },
  {
    method: 'get',
    path: '/api/provinces',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    response: z.array(ProvinceInfo),
    summary:
      '34 tỉnh, thành phố từ 01/7/2025 (mã, tên, số xã, phường, đặc khu) để tạo đợt khảo sát cấp tỉnh',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}',
    roles: ALL,
    tag: 'Đợt khảo sát',
    response: CampaignDetail,
    summary:
      'Chi tiết đợt khảo sát: nhóm đối tượng, đơn vị, các lần mở (openings: lần mở đầu tiên, mỗi lần mở lại, với thời điểm đóng)',
  },
  {
    method: 'patch',
    path: '/api/campaigns/{id}',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    request: CampaignPatch,
    response: Campaign,
    summary:
      'Sửa tên, thời gian (giờ Việt Nam, ISO 8601), liên hệ, chỉ tiêu tỷ lệ trả lời; thời điểm bắt đầu mới đã qua: 409 opens_in_past, trừ khi gửi kèm openNow: true',
    body: { contactPhone: '0271 3645 123' },
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/open',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    request: OpenCampaignBody,
    response: Campaign,
    summary:
      'Mở (hoặc mở lại) đợt khảo sát ngay; thân yêu cầu không bắt buộc: closesAt đặt luôn thời điểm kết thúc (null: chưa đặt), đã qua: 422 invalid_dates; ghi nhật ký',
    body: { closesAt: '2027-01-15T17:00:00+07:00' },
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/move',
    roles: ['admin'],
    tag: 'Đợt khảo sát',
    response: Campaign,
    request: MoveBody,
    summary:
      'Chuyển đợt khảo sát (với danh sách, phiếu, kết quả) sang một tổ chức khác trong phạm vi của quản trị viên (ngoài phạm vi: 422 unknown_organisation); ghi nhật ký',
    body: { organisationId: 'root' },
  },
  {
    method: 'delete',
    path: '/api/campaigns/{id}',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    response: DeletedCampaign,
    summary:
      'Xóa đợt khảo sát cùng mọi dữ liệu của đợt (danh sách, lời mời, phiếu, lần tính), trong một giao dịch, có ghi nhật ký: đợt chưa mở (cán bộ, quản trị) hoặc đợt đã kết thúc chưa khóa kết quả — đợt dùng thử (chỉ quản trị). 409 not_deletable: đợt đang mở hoặc đã khóa kết quả (hãy lưu trữ)',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/archive',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    response: Campaign,
    summary:
      'Lưu trữ đợt đã kết thúc: ẩn khỏi danh sách mặc định (GET /api/campaigns?archived=1 hiện cả đợt đã lưu trữ); 409 campaign_open nếu chưa kết thúc',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/unarchive',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    response: Campaign,
    summary: 'Bỏ lưu trữ: đợt hiện lại trong danh sách mặc định',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/close',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    response: Campaign,
    summary: 'Đóng đợt khảo sát ngay',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/definition',
    roles: ALL,
    tag: 'Đợt khảo sát',
    response: DefinitionReply,
    summary:
      'Bộ chỉ số của đợt: phiếu, câu hỏi, tiêu chí, điểm, cách tính (editable: còn sửa được không)',
  },
  {
    method: 'put',
    path: '/api/campaigns/{id}/definition',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    request: DefinitionBody,
    response: DefinitionReply,
    summary:
      'Sửa bộ chỉ số trước khi mở đợt (lưu thành phiên bản mới); lỗi 422 liệt kê từng vấn đề',
    body: { definition: {} },
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/units',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    response: UnitImportResult,
    summary:
      'Nhập danh sách đơn vị (.xlsx/.csv, multipart: file; cột Mã, Tên đơn vị, Loại (tỉnh, cơ quan, xã, phường, đặc khu, huyện, thị trấn), Đơn vị cấp trên, Mã ĐVHC, Huyện cũ) thành bộ đơn vị mới, chỉ trước khi mở đợt; tất cả hoặc không gì cả',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/units.csv',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    summary:
      'Tải danh sách đơn vị hiện tại theo đúng các cột của tệp nhập (CSV, UTF-8 BOM), để sửa rồi nhập lại',
    produces: 'text/csv',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/purge-personal-data',
    roles: ['admin'],
    tag: 'Đợt khảo sát',
    response: PurgeResult,
    summary:
      'Xóa họ tên, điện thoại, e-mail của danh sách khi đợt đã đóng và kết quả đã khóa (Nghị định 13/2023); số liệu và trạng thái giữ nguyên',
  },
];
