import { z } from 'zod';
import { CommentView, Redacted, Redaction } from '../../contract/console/comments';
import { CompareOptions, Comparison } from '../../contract/console/compare';
import {
  SelfAssessmentImportResult,
  SelfAssessmentState,
} from '../../contract/console/self-assessment';
import { Distributions, NewRun, ResultsDocument, RunList } from '../../contract/results';
import { ANALYSTS, type Endpoint } from './kit';

/** Scoring runs, exports, comments, the self-assessment and the total PAR index. */
export const RESULTS: Endpoint[] = [
  {
    method: 'post',
    path: '/api/campaigns/{id}/runs',
    roles: ANALYSTS,
    tag: 'Kết quả',
    request: NewRun,
    response: ResultsDocument,
    created: true,
    summary:
      'Tính điểm (chỉ khi đợt đã đóng, nếu không 409 campaign_open): không có method là lần tính chính thức; method khác thiết lập của đợt là thử nghiệm (không hạ được ngưỡng nhóm nhỏ)',
    body: { method: { weighting: 'POOLED' } },
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs',
    roles: ANALYSTS,
    tag: 'Kết quả',
    response: RunList,
    summary:
      'Các lần tính điểm: bộ chỉ số, thiết lập, chính thức/thử nghiệm, khóa, dấu vân tay, còn khớp dữ liệu hiện tại không',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}',
    roles: ANALYSTS,
    tag: 'Kết quả',
    response: ResultsDocument,
    summary:
      'Kết quả của một lần tính (JSON như docs/contract.md: method, fingerprint, units; số liệu nhóm dưới ngưỡng là null)',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/runs/{run}/lock',
    roles: ANALYSTS,
    tag: 'Kết quả',
    response: ResultsDocument,
    summary:
      'Khóa lần tính để công bố (409: thử nghiệm trial_run, đã khóa already_locked, dữ liệu đã đổi stale_run)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}/distributions',
    roles: ANALYSTS,
    tag: 'Kết quả',
    response: Distributions,
    summary: 'Phân bố A–E theo câu hỏi × đơn vị (ẩn theo quy tắc nhóm nhỏ)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}/export.json',
    roles: ANALYSTS,
    tag: 'Kết quả',
    response: ResultsDocument,
    summary: 'Xuất kết quả (JSON); index=<mã chỉ số>: chỉ các đơn vị của một chỉ số',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}/export.csv',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'Xuất kết quả dạng dài: một dòng mỗi đơn vị × chỉ tiêu (CSV, UTF-8 BOM); index=<mã chỉ số>: chỉ một chỉ số',
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}/export.xlsx',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'Xuất kết quả (Excel): tổng hợp theo chỉ số, tiêu chí, nhóm, phân bố, phương pháp và dấu vân tay; index=<mã chỉ số> (ví dụ index=XA): chỉ các trang và đơn vị của một chỉ số',
    query: 'index=XA',
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}/compare',
    roles: ANALYSTS,
    tag: 'Kết quả',
    response: Comparison,
    summary:
      'So sánh với đợt trước (with=<mã đợt>; mặc định đợt gần nhất đã đóng trước đợt này, có kết quả đã khóa và cùng tiêu chí): mỗi đơn vị (theo mã ĐVHC chính thức, nếu không có thì theo mã đơn vị; qua sắp xếp năm 2025 theo bảng chuyển đổi chính thức: đơn vị hình thành trọn vẹn từ các đơn vị cũ có trong đợt trước được so với số liệu các đơn vị cũ gộp lại, còn lại "không so sánh trực tiếp được" kèm kết quả riêng của từng đơn vị cũ) điểm và tỷ lệ % khảo sát, Chỉ số CCHC, hạng năm nay và năm trước, thay đổi hạng (dương: tăng hạng; qua sắp xếp chỉ trong số đơn vị so sánh trực tiếp được); mỗi tiêu chí (theo mã) điểm và tỷ lệ hai năm; đơn vị, tiêu chí chỉ có ở một bên được ghi rõ',
    query: 'with=dot-truoc',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}/compare-options',
    roles: ANALYSTS,
    tag: 'Kết quả',
    response: CompareOptions,
    summary:
      'Các đợt có thể so sánh với lần tính này: mọi đợt khác đã đóng, mới nhất trước, so sánh được khi đã có kết quả khóa (why: lý do nếu không), và đợt so sánh mặc định (defaultId; null: không có, bảng điều khiển không hỏi so sánh)',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/runs/{run}/compare.csv',
    roles: ANALYSTS,
    tag: 'Kết quả',
    summary:
      'So sánh với đợt trước dạng CSV (UTF-8 BOM): một dòng mỗi đơn vị, có mã ĐVHC chính thức, cách so sánh, các đơn vị cũ hình thành nên đơn vị (mã, cách sắp xếp, tỷ lệ % của từng đơn vị)',
    produces: 'text/csv',
    query: 'with=dot-truoc',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/self-assessment',
    roles: ANALYSTS,
    tag: 'Kết quả',
    response: SelfAssessmentImportResult,
    created: 'on-commit',
    summary:
      'Nhập điểm tự đánh giá đã thẩm định (.xlsx/.csv, multipart: file, preview=true để xem trước): cột Mã đơn vị/Đơn vị, Điểm tự đánh giá đã thẩm định (hoặc Điểm), LV1…LV8 nếu có; mọi lỗi theo số dòng (422 self_assessment_invalid), tất cả hoặc không gì cả, thay cho lần nhập trước; khi đợt đang mở hoặc đã đóng (409 campaign_not_open trước khi mở). Lần tính đã có giữ nguyên: Chỉ số CCHC tổng có ở lần tính sau',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/self-assessment',
    roles: ANALYSTS,
    tag: 'Kết quả',
    response: SelfAssessmentState,
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
    response: z.array(CommentView),
    summary:
      'Ý kiến tự do (không gắn với phiếu) và trạng thái duyệt: pending, cleared (đã che tên), withheld (không công bố)',
  },
  {
    method: 'put',
    path: '/api/campaigns/{id}/comments/{commentId}',
    roles: ANALYSTS,
    tag: 'Kết quả',
    request: Redaction,
    response: Redacted,
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
];
