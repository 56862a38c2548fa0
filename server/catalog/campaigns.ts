import { z } from 'zod';
import {
  Campaign,
  CampaignDetail,
  CampaignPatch,
  DefinitionBody,
  DefinitionReply,
  NewCampaignBody,
  PurgeResult,
  UnitImportResult,
} from '../../contract/console/campaigns';
import { ALL, type Endpoint, STAFF } from './kit';

/** Campaigns, their definition and units. */
export const CAMPAIGNS: Endpoint[] = [
  {
    method: 'get',
    path: '/api/campaigns',
    roles: ALL,
    tag: 'Đợt khảo sát',
    response: z.array(Campaign),
    summary: 'Danh sách đợt khảo sát, trạng thái và số phiếu',
  },
  {
    method: 'post',
    path: '/api/campaigns',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    request: NewCampaignBody,
    response: Campaign,
    created: true,
    summary: 'Tạo đợt khảo sát từ bộ chỉ số Hớn Quản 2023 hoặc sao chép đợt trước (copyOf)',
    body: { name: 'Khảo sát 2024', contactName: 'Phòng Nội vụ', contactPhone: '0271 3645 123' },
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}',
    roles: ALL,
    tag: 'Đợt khảo sát',
    response: CampaignDetail,
    summary: 'Chi tiết đợt khảo sát: nhóm đối tượng, đơn vị',
  },
  {
    method: 'patch',
    path: '/api/campaigns/{id}',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    request: CampaignPatch,
    response: Campaign,
    summary: 'Sửa tên, thời gian (giờ Việt Nam, ISO 8601), liên hệ, chỉ tiêu tỷ lệ trả lời',
    body: { contactPhone: '0271 3645 123' },
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/open',
    roles: STAFF,
    tag: 'Đợt khảo sát',
    response: Campaign,
    summary: 'Mở đợt khảo sát ngay',
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
      'Nhập danh sách đơn vị (.xlsx/.csv, multipart: file; cột Mã, Tên đơn vị, Loại, Đơn vị cấp trên) thành bộ đơn vị mới, chỉ trước khi mở đợt; tất cả hoặc không gì cả',
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
