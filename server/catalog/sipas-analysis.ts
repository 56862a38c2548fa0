import {
  NewSipasLink,
  NewSipasRun,
  SampleSize,
  SipasDays,
  SipasLinks,
  SipasLinkView,
  SipasPaperDesk,
  SipasPaperEntry,
  SipasPaperReply,
  SipasRun,
  SipasRunList,
  SipasSerialLookup,
} from '../../contract/console/sipas-analysis';
import { ALL, ANALYSTS, type Endpoint, STAFF } from './kit';

/** SIPAS analysis (issue #14.4–6): the days and their flags, runs, paper, sample size, PAR link. */
export const SIPAS_ANALYSIS: Endpoint[] = [
  {
    method: 'get',
    path: '/api/sample-size',
    roles: ALL,
    tag: 'Hài lòng (SIPAS)',
    response: SampleSize,
    query: 'N=10000&e=0.05',
    summary:
      'Cỡ mẫu n = N / (1 + N·e²), làm tròn lên (400 invalid_query khi N không phải số nguyên dương hoặc e không từ 0 đến dưới 1)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/sipas/days',
    roles: ANALYSTS,
    tag: 'Hài lòng (SIPAS)',
    response: SipasDays,
    summary:
      'Theo điểm thu thập × ngày: số phiếu, tỷ lệ hài lòng (chỉ sau khi đóng đợt), tỷ lệ dùng mã, phiếu giấy và các dấu hiệu (burst, full_day, repeats, outside_hours); ngày dưới ngưỡng nhóm nhỏ không hiện số liệu',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/sipas/runs',
    roles: ANALYSTS,
    tag: 'Hài lòng (SIPAS)',
    request: NewSipasRun,
    response: SipasRun,
    created: true,
    body: { excludeFlagged: true, trial: true },
    summary:
      'Tính kết quả SIPAS (chỉ khi đợt đã đóng): mặc định là lần tính chính thức với mọi ngày; excludeFlagged/excludeDays bỏ các ngày; trial là thử nghiệm. Lần tính ghi rõ đã tính và bỏ những gì',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/sipas/runs',
    roles: ANALYSTS,
    tag: 'Hài lòng (SIPAS)',
    response: SipasRunList,
    summary: 'Các lần tính SIPAS, mới nhất trước, và còn khớp số liệu hiện tại không',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/sipas/runs/{run}',
    roles: ANALYSTS,
    tag: 'Hài lòng (SIPAS)',
    response: SipasRun,
    summary: 'Một lần tính SIPAS: phương pháp (ngày đã bỏ) và kết quả từng đơn vị',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/sipas/runs/{run}/lock',
    roles: ANALYSTS,
    tag: 'Hài lòng (SIPAS)',
    response: SipasRun,
    summary:
      'Khóa lần tính SIPAS để công bố (409 trial_run thử nghiệm, already_locked, stale_run số liệu đã đổi)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/sipas/paper',
    roles: STAFF,
    tag: 'Hài lòng (SIPAS)',
    response: SipasPaperDesk,
    summary:
      'Phiếu giấy SIPAS: các câu hỏi như phiếu in (để nhập), số trang A4 mỗi bản, số bản tối đa mỗi lần in, số phiếu giấy đã nhập, số phiếu đã in chưa nhập và kết quả đã khóa hay chưa (khi đã khóa thì không nhập thêm)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/sipas/paper/print',
    roles: STAFF,
    tag: 'Hài lòng (SIPAS)',
    query: 'copies=1',
    produces: 'text/html',
    summary:
      'Trang in phiếu giấy SIPAS (A4, 2 trang mỗi bản): mọi câu hỏi của bộ câu hỏi với ô đánh dấu, mỗi bản một số phiếu mới (copies=1…300; point= điểm thu thập in sẵn trên phiếu, không bắt buộc; 400 invalid_query, 410 closed khi đợt đã kết thúc)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/sipas/paper/serials/{serial}',
    roles: STAFF,
    tag: 'Hài lòng (SIPAS)',
    response: SipasSerialLookup,
    summary:
      'Tra số phiếu giấy SIPAS trước khi nhập: số phiếu như in và đã nhập hay chưa (422 invalid_serial sai ký tự kiểm tra, 404 serial_not_found số in sẵn không có trong đợt). Không trả lại câu trả lời',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/sipas/paper',
    roles: STAFF,
    tag: 'Hài lòng (SIPAS)',
    request: SipasPaperEntry,
    response: SipasPaperReply,
    created: true,
    body: { serial: 'HQ-0001', pointId: 'p', answers: [] },
    summary:
      'Nhập một phiếu giấy SIPAS theo số phiếu (kênh giấy, kiểm tra như phiếu trực tuyến): số phiếu in sẵn (9 ký tự, ký tự cuối để kiểm tra) phải là của đợt, số khác là số tự đánh của cơ quan (409 serial_used số phiếu đã nhập, 422 invalid_serial, 404 serial_not_found số in sẵn không có, 404 unknown_point, 409 campaign_not_open, 409 results_locked, 422 invalid_answers)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/sipas-link',
    roles: ANALYSTS,
    tag: 'Hài lòng (SIPAS)',
    response: SipasLinks,
    summary: 'Các lĩnh vực của Chỉ số CCHC lấy điểm từ một lần tính SIPAS',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/sipas-link',
    roles: ANALYSTS,
    tag: 'Hài lòng (SIPAS)',
    request: NewSipasLink,
    response: SipasLinkView,
    body: { runId: 'r', fieldCode: 'LV8', maxPoints: '10' },
    summary:
      'Lấy điểm một lĩnh vực của Chỉ số CCHC từ lần tính SIPAS đã khóa: điểm = chỉ số hài lòng của đơn vị × điểm tối đa, thay điểm tự đánh giá của lĩnh vực đó ; đơn vị tự đánh giá chỉ có điểm tổng giữ điểm tự đánh giá (409 no_locked_run khi lần tính chưa khóa, 422 invalid_max_points khi điểm tối đa vượt điểm tối đa phần tự đánh giá)',
  },
  {
    method: 'delete',
    path: '/api/campaigns/{id}/sipas-link/{field}',
    roles: ANALYSTS,
    tag: 'Hài lòng (SIPAS)',
    noContent: true,
    summary: 'Bỏ liên kết SIPAS của một lĩnh vực: lĩnh vực lại lấy điểm tự đánh giá',
  },
];
