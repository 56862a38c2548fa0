import type { SipasFlag, SipasRunMethod } from '../../contract/console/sipas-analysis';
import { FLAG_LABELS, viDay } from '../../contract/console/sipas-labels';

const number = new Intl.NumberFormat('vi-VN');

/**
 * What a SIPAS run states it included and left out, in its own words: "Lần tính chính thức
 * theo bộ câu hỏi SIPAS-2026 (phiên bản 1), 1.234 phiếu. Đã bỏ 2 ngày có dấu hiệu bất thường:
 * Bộ phận Một cửa xã An Phú, 02/03/2026 (Dồn dập); …" — kept on the run, shown with it.
 */
export function runMethodText(
  method: Omit<SipasRunMethod, 'text'>,
  facts: {
    official: boolean;
    forms: number;
    /** Units with fewer than `method.minCellSize` forms, whose figures are withheld. */
    withheld: number;
    points: readonly { id: string; name: string }[];
    flagOrder: readonly SipasFlag[];
  },
): string {
  const kind = facts.official ? 'Lần tính chính thức' : 'Lần tính thử nghiệm';
  const k = number.format(method.minCellSize);
  const guard = `Đơn vị có dưới ${k} phiếu được tính, hoặc bị bỏ một ngày có từ 1 đến dưới ${k} phiếu, không công bố số liệu nào (dưới ${k} phiếu)${facts.withheld > 0 ? `: ${number.format(facts.withheld)} đơn vị` : ''}; số phiếu theo kênh chỉ hiện khi mỗi kênh có 0 hoặc từ ${k} phiếu.`;
  const head = `${kind} theo bộ câu hỏi ${method.definitionCode} (phiên bản ${method.definitionVersion}), ${number.format(facts.forms)} phiếu được tính. ${guard}`;
  if (method.excluded.length === 0)
    return `${head} Tính mọi ngày của mọi điểm thu thập, không bỏ ngày nào.`;
  const names = new Map(facts.points.map((p) => [p.id, p.name]));
  const list = method.excluded
    .map((d) => {
      const flags = facts.flagOrder.filter((f) => d.flags.includes(f)).map((f) => FLAG_LABELS[f]);
      const why =
        flags.length > 0 ? ` (${flags.join(', ')})` : ' (không có dấu hiệu, bỏ theo lựa chọn)';
      return `${names.get(d.pointId) ?? d.pointId}, ${viDay(d.day)}${why}`;
    })
    .join('; ');
  const reason = method.excludeFlagged
    ? 'gồm mọi ngày có dấu hiệu bất thường'
    : 'do người phân tích chọn';
  return `${head} Đã bỏ ${number.format(method.excluded.length)} ngày (${reason}): ${list}. Các ngày khác được tính đầy đủ.`;
}
