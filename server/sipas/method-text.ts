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
  const names = new Map(facts.points.map((p) => [p.id, p.name]));
  const listOf = (days: SipasRunMethod['excluded'], none: string) =>
    days
      .map((d) => {
        const flags = facts.flagOrder.filter((f) => d.flags.includes(f)).map((f) => FLAG_LABELS[f]);
        const why = flags.length > 0 ? ` (${flags.join(', ')})` : none;
        return `${names.get(d.pointId) ?? d.pointId}, ${viDay(d.day)}${why}`;
      })
      .join('; ');
  // The flagged days it counted all the same: a reader of the figures must know they are in.
  const flagged = method.flaggedIncluded ?? [];
  const counted =
    flagged.length > 0
      ? `kể cả ${number.format(flagged.length)} ngày có dấu hiệu bất thường: ${listOf(flagged, '')}`
      : '';
  if (method.excluded.length === 0)
    return counted
      ? `${head} Tính mọi ngày của mọi điểm thu thập, không bỏ ngày nào, ${counted}.`
      : `${head} Tính mọi ngày của mọi điểm thu thập, không bỏ ngày nào.`;
  const list = listOf(method.excluded, ' (không có dấu hiệu, bỏ theo lựa chọn)');
  const reason = method.excludeFlagged
    ? 'gồm mọi ngày có dấu hiệu bất thường'
    : 'do người phân tích chọn';
  const rest = counted
    ? `Các ngày khác được tính đầy đủ, ${counted}.`
    : 'Các ngày khác được tính đầy đủ.';
  return `${head} Đã bỏ ${number.format(method.excluded.length)} ngày (${reason}): ${list}. ${rest}`;
}
