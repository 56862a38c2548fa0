import type { Definition } from '../../questionnaires';
import type { CodebookRow, RawPlan } from './raw';

/**
 * The raw answers' codebook ("Mã hóa"): what each column and code means, and which unit × group
 * cells the small-group rule left out (docs/method.md §12).
 */

/** The codebook: columns, groups, questionnaires, questions, options, units, cells left out. */
export function codebookRows(
  definition: Definition,
  units: readonly { code: string; name: string }[],
  plan: RawPlan,
  extra: { fingerprint: string; parts: number; perPart: number },
): CodebookRow[] {
  const rows: CodebookRow[] = [];
  const add = (section: string, code: string, description: string) =>
    rows.push({ section, code, description: description.normalize('NFC') });
  const variables: [string, string][] = [
    [
      'form',
      'Số phiếu trong tệp này (F0001…), đánh theo mã ngẫu nhiên của phiếu: không theo thứ tự gửi, không dùng lại giữa các lần xuất',
    ],
    ['group_code', 'Mã nhóm đối tượng của phiếu (xem mục "Nhóm")'],
    ['questionnaire_id', 'Mã phiếu khảo sát (xem mục "Phiếu")'],
    ['question_id', 'Mã câu hỏi trong phiếu (xem mục "Câu hỏi")'],
    ['criterion', 'Mã tiêu chí mà câu hỏi chấm điểm'],
    ['unit_code', 'Mã đơn vị được đánh giá (xem mục "Đơn vị")'],
    [
      'option',
      `Phương án đã chọn: A, B, C, D (tốt nhất là A); E = "${definition.dontKnowLabel}", không tính điểm`,
    ],
  ];
  for (const [code, text] of variables) add('Biến', code, text);
  for (const g of definition.groups) add('Nhóm', g.code, g.name);
  for (const q of definition.questionnaires) add('Phiếu', q.id, `${q.title} (chỉ số ${q.index})`);
  const labels = new Map(definition.labelSets.map((l) => [l.code, l.labels]));
  for (const q of definition.questionnaires)
    for (const x of q.questions) {
      const l = labels.get(x.labelSet);
      const options = l
        ? ` — A: ${l.A}; B: ${l.B}; C: ${l.C}; D: ${l.D}; E: ${definition.dontKnowLabel}`
        : '';
      add('Câu hỏi', `${q.id}.${x.id}`, `${x.text} [tiêu chí ${x.criterion}]${options}`);
    }
  for (const i of definition.indexes)
    for (const f of i.fields)
      for (const c of f.criteria)
        add('Tiêu chí', c.code, `${c.name} (${i.code}, ${f.code}, tối đa ${c.maxPoints} điểm)`);
  const names = new Map(units.map((u) => [u.code, u.name]));
  for (const u of units) add('Đơn vị', u.code, u.name);
  add(
    'Quy tắc nhóm nhỏ',
    `k = ${plan.k}`,
    `Đã bỏ mọi câu trả lời về một đơn vị của một nhóm đối tượng có dưới ${plan.k} phiếu trả lời hợp lệ về đơn vị đó (${plan.leftOut.length} ô đơn vị × nhóm, liệt kê ở mục "Đã bỏ")`,
  );
  for (const c of plan.leftOut)
    add(
      'Đã bỏ',
      `${c.unitCode} × ${c.groupCode}`,
      `${names.get(c.unitCode) ?? c.unitCode} — ${definition.groups.find((g) => g.code === c.groupCode)?.name ?? c.groupCode}: dưới ${plan.k} phiếu`,
    );
  add(
    'Ghi chú',
    'demographics',
    'Không có thông tin nhân khẩu (giới tính, tuổi, trình độ) trong tệp này',
  );
  add('Ghi chú', 'comments', 'Không có ý kiến tự do; ý kiến được xuất riêng, sau khi đã che tên');
  add(
    'Ghi chú',
    'rows',
    `${plan.rows} câu trả lời, ${extra.parts} phần (mỗi phần tối đa ${extra.perPart} dòng dữ liệu)`,
  );
  add('Ghi chú', 'fingerprint', `Dấu vân tay dữ liệu (SHA-256) lúc xuất: ${extra.fingerprint}`);
  return rows;
}
