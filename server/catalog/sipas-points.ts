import {
  CodeBatch,
  CodeBatchList,
  CollectionPoint,
  CollectionPointList,
  NewCodeBatchBody,
  NewPointBody,
  PointPatch,
} from '../../contract/console/sipas-points';
import { ALL, type Endpoint, STAFF } from './kit';

const TAG = 'Khảo sát sự hài lòng (SIPAS)';
const ONLY =
  ' Chỉ với đợt khảo sát sự hài lòng (SIPAS); đợt chỉ số CCHC (PAR): 409 wrong_campaign_kind.';

/** SIPAS collection points, their posters and one-time codes (issue #14). */
export const SIPAS_POINTS: Endpoint[] = [
  {
    method: 'get',
    path: '/api/campaigns/{id}/points',
    roles: ALL,
    tag: TAG,
    response: CollectionPointList,
    summary: `Các điểm thu thập (bàn tiếp nhận, Bộ phận Một cửa…): đơn vị, lĩnh vực, giờ làm việc, giới hạn mỗi ngày, địa chỉ của áp phích, số mã dùng một lần đã tạo và đã dùng.${ONLY}`,
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/points',
    roles: STAFF,
    tag: TAG,
    request: NewPointBody,
    response: CollectionPoint,
    created: true,
    summary: `Tạo điểm thu thập gắn với một đơn vị của đợt (đơn vị không có: 422 unknown_unit; đợt đã đóng: 409 campaign_closed); giờ mở, đóng cửa mặc định 07:30–17:00, thứ Hai đến thứ Sáu, mỗi trình duyệt góp ý 1 lần mỗi ngày (0 = không giới hạn).${ONLY}`,
    body: { name: 'Bộ phận Một cửa', unitCode: 'X-TANHUNG', serviceArea: 'Đất đai' },
  },
  {
    method: 'patch',
    path: '/api/campaigns/{id}/points/{point}',
    roles: STAFF,
    tag: TAG,
    request: PointPatch,
    response: CollectionPoint,
    summary: `Sửa điểm thu thập (tên, đơn vị, lĩnh vực, giờ làm việc, ngày làm việc, giới hạn mỗi ngày).${ONLY}`,
    body: { dailyLimit: 2 },
  },
  {
    method: 'delete',
    path: '/api/campaigns/{id}/points/{point}',
    roles: STAFF,
    tag: TAG,
    noContent: true,
    summary: `Xóa điểm thu thập chưa có phiếu trả lời nào và chưa có mã dùng một lần nào đã dùng (nếu có: 409 point_in_use); các lô mã chưa dùng bị xóa theo.${ONLY}`,
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/points/{point}/poster',
    roles: STAFF,
    tag: TAG,
    query: 'size=A4',
    produces: 'text/html',
    summary: `Trang in áp phích của điểm thu thập, khổ A4 hoặc A5 (size=A4|A5; khác: 400 invalid_query): mã QR và địa chỉ ngắn <PUBLIC_URL>/p/<mã>, đơn vị, lĩnh vực, hai dòng hướng dẫn.${ONLY}`,
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/points/{point}/codes',
    roles: STAFF,
    tag: TAG,
    request: NewCodeBatchBody,
    response: CodeBatch,
    created: true,
    summary: `Tạo một lô mã góp ý dùng một lần (1–2.000 mã) cho điểm thu thập, để phát kèm giấy tiếp nhận hồ sơ: mỗi mã một lần trả lời; đợt đã đóng: 409 campaign_closed. Cơ sở dữ liệu chỉ giữ HMAC của mã.${ONLY}`,
    body: { count: 48 },
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/code-batches',
    roles: STAFF,
    tag: TAG,
    response: CodeBatchList,
    summary: `Các lô mã dùng một lần của đợt, mới nhất trước: điểm thu thập, số mã, số mã đã dùng, trang in.${ONLY}`,
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/code-batches/{batch}/sheet',
    roles: STAFF,
    tag: TAG,
    produces: 'text/html',
    summary: `Trang in các mã của một lô, 24 mã một trang A4 có đường cắt: mã QR của <PUBLIC_URL>/c/<mã> và mã dạng ABCD-EFGH. In lại được bất cứ lúc nào (mã được tạo lại từ khóa bí mật, không lưu).${ONLY}`,
  },
];
