import { parseFraction } from '../../../analysis/fraction';
import type { ResultsDocument } from '../../../contract/results';
import type { Definition } from '../../../questionnaires';
import { selfAssessmentMax, spoken } from '../total';
import { hiddenNote, nfc, vnTime } from './format';

/** The "Phương pháp" sheet's lines: what was scored, how, over which data (docs/method.md §10). */

const WEIGHTING_TEXT = {
  EQUAL_GROUP:
    'Bình quân các nhóm: tỷ lệ của tiêu chí là bình quân tỷ lệ của các nhóm đối tượng có dữ liệu, mỗi nhóm có trọng số như nhau (hoặc trọng số đã đặt)',
  POOLED:
    'Gộp mọi câu trả lời: mọi câu trả lời hợp lệ về tiêu chí có trọng số như nhau, không phân biệt nhóm hay câu hỏi',
} as const;
const EMPTY_TEXT = {
  ZERO: 'Tính 0 điểm: tiêu chí không có câu trả lời hợp lệ nào được tính 0 điểm và ghi "không đủ dữ liệu"',
  RESCALE:
    'Quy đổi lại: tiêu chí không có dữ liệu được bỏ ra; điểm khảo sát quy đổi lại theo tổng điểm tối đa (làm tròn một lần)',
} as const;

/** The "Phương pháp" sheet: what was scored, how, over which data, and what it cannot hide. */
export function methodLines(doc: ResultsDocument, definition: Definition): [string, string][] {
  const m = doc.method;
  const profile = definition.scaleProfiles.find((p) => p.code === m.profile);
  const coefficients = profile
    ? (['A', 'B', 'C', 'D'] as const)
        .map((o) => `${o} = ${profile.coefficients[o].replace('.', ',')}`)
        .join('; ')
    : '';
  const weights = Object.entries(m.groupWeights);
  const k = m.minCellSize;
  return [
    ['Đợt khảo sát', `${doc.campaign.name} (${doc.campaign.id})`],
    ['Bộ chỉ số', `${definition.name} — mã ${m.definitionCode}, phiên bản ${m.definitionVersion}`],
    ['Lần tính', m.runId],
    ['Thời điểm tính', `${vnTime(m.createdAt)}; ${m.createdAt}`],
    [
      'Loại lần tính',
      m.trial
        ? 'Thử nghiệm: thiết lập khác với thiết lập của đợt khảo sát; chỉ để xem, không được khóa hay công bố'
        : 'Chính thức: đúng thiết lập của đợt khảo sát',
    ],
    [
      'Khóa để công bố',
      m.locked ? `Đã khóa lúc ${vnTime(m.lockedAt)}; ${m.lockedAt}` : 'Chưa khóa',
    ],
    ['Thang điểm', `${m.profile}${profile ? ` — ${profile.name}: ${coefficients}` : ''}`],
    [
      'Câu trả lời không tính',
      `E = "${definition.dontKnowLabel}", câu bỏ trống và phiếu chưa gửi không tính vào tỷ lệ`,
    ],
    ['Cách gộp các nhóm', WEIGHTING_TEXT[m.weighting]],
    [
      'Trọng số nhóm',
      weights.length
        ? weights
            .map(([g, w]) => `${definition.groups.find((x) => x.code === g)?.name ?? g}: ${w}`)
            .join('; ')
        : 'mỗi nhóm có trọng số 1',
    ],
    ['Tiêu chí không có dữ liệu', EMPTY_TEXT[m.emptyCriterion]],
    [
      'Làm tròn',
      'Điểm tiêu chí = điểm tối đa × tỷ lệ, tính bằng phân số chính xác, làm tròn 2 chữ số thập phân (từ 5 trở lên làm tròn lên) chỉ ở bước này; điểm lĩnh vực và điểm khảo sát là tổng các điểm tiêu chí đã làm tròn; tỷ lệ % làm tròn 2 chữ số',
    ],
    [
      'Quy tắc nhóm nhỏ',
      `Số liệu theo nhóm đối tượng của một đơn vị × tiêu chí chỉ hiện khi mọi nhóm đã trả lời có ít nhất ${k} phiếu có câu trả lời hợp lệ về đơn vị đó; nếu không, ghi "${hiddenNote(k)}", kể cả phân bố A–E các câu hỏi của tiêu chí đó cho đơn vị đó`,
    ],
    [
      'Giới hạn của quy tắc',
      `Điểm tiêu chí công bố luôn tính mọi câu trả lời, kể cả của nhóm dưới ${k} phiếu: phần đóng góp nhỏ của nhóm đó vẫn nằm trong điểm chung. Đó là phần còn lại của phương pháp, không phải lỗi`,
    ],
    ...(doc.withheld.length > 0
      ? ([
          [
            'Đơn vị không hiện',
            `Lần tính thử này gộp nhóm hoặc dùng thang điểm khác với cách tính của đợt: ${doc.withheld.length} đơn vị có nhóm dưới ${k} phiếu không được hiện, vì đặt cạnh lần tính chính thức, điểm của đơn vị sẽ lộ ý kiến của nhóm đó: ${doc.withheld.map((u) => `${u.name} (${u.code})`).join('; ')}`,
          ],
        ] as [string, string][])
      : []),
    ['Chỉ số CCHC tổng', totalLine(doc, definition)],
    ['Số phiếu đã dùng', String(doc.submissionCount)],
    ['Dấu vân tay dữ liệu (SHA-256)', doc.fingerprint],
    [
      'Ý nghĩa dấu vân tay',
      'Băm SHA-256 các mã băm của từng phiếu đã gửi, sắp theo thứ tự: tính lại trên cùng dữ liệu cho cùng dấu vân tay và cùng kết quả; chỉ cần thêm, bớt hay sửa một phiếu là dấu vân tay đổi',
    ],
  ].map(([a, b]) => [nfc(a as string), nfc(b as string)]);
}

/** Step 8 as the "Phương pháp" sheet states it, with the import the run used. */
function totalLine(doc: ResultsDocument, definition: Definition): string {
  const s = doc.selfAssessment;
  if (!s)
    return 'Chưa tính: khi lần tính này được thực hiện chưa có điểm tự đánh giá đã thẩm định (bước 8 của phương pháp); nhập điểm rồi tính lại';
  const maxima = definition.indexes
    .map(
      (i) =>
        `${i.code}: ${spoken(selfAssessmentMax(i.budget))} + ${spoken(parseFraction(i.budget))}`,
    )
    .join('; ');
  return (
    'Chỉ số CCHC % = (điểm tự đánh giá đã thẩm định + điểm điều tra xã hội học) / (điểm tự đánh giá tối đa + điểm điều tra tối đa) × 100, ' +
    `tính bằng phân số chính xác, làm tròn 2 chữ số thập phân (từ 5 trở lên làm tròn lên); điểm tự đánh giá tối đa = 100 − điểm điều tra tối đa (${maxima}). ` +
    `Xếp hạng theo Chỉ số CCHC trong từng chỉ số, bằng nhau cùng hạng. Điểm tự đánh giá nhập lúc ${vnTime(s.importedAt)} (${s.units} đơn vị; dấu vân tay ${s.fingerprint}); nhập lại sau đó không làm thay đổi lần tính này`
  );
}
