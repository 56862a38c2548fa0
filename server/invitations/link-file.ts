import ExcelJS from 'exceljs';
import type { Invitation } from '../../contract/console/invitations';
import { toCsv } from '../csv';
import { inviteMessage } from './message';
import { STATUS_NAMES } from './non-responders';

/**
 * The links and messages an officer downloads (`…/links.csv|xlsx`), for a person to open: headed
 * in Vietnamese, statuses in words (issue #13.11). Scripts read stable codes from the CLI's
 * `links` (docs/contract.md) or the JSON list `GET …/invitations`.
 */

/** The file's columns: a heading the office reads, and the width Excel gives it. */
const COLUMNS = [
  ['Họ và tên', 24],
  ['Nhóm đối tượng', 28],
  ['Đơn vị', 28],
  ['Điện thoại', 14],
  ['E-mail', 24],
  ['Trạng thái', 14],
  ['Đường dẫn', 50],
  ['Mã trả lời', 12],
  ['Tin nhắn mời', 80],
] as const;
type Heading = (typeof COLUMNS)[number][0];

export interface LinkCampaign {
  name: string;
  closesAt: string | null;
}

/** One person's line: a revoked link has no link, code or message. */
export function linkLine(
  p: Invitation,
  campaign: LinkCampaign,
  home: string,
): Record<Heading, string> {
  return {
    'Họ và tên': p.name,
    'Nhóm đối tượng': p.group,
    'Đơn vị': p.unit,
    'Điện thoại': p.phone ?? '',
    'E-mail': p.email ?? '',
    'Trạng thái': STATUS_NAMES[p.status],
    'Đường dẫn': p.link ?? '',
    'Mã trả lời': p.shortCode ?? '',
    'Tin nhắn mời': p.link
      ? inviteMessage(
          { name: p.name, link: p.link, shortCode: p.shortCode ?? '' },
          campaign.name,
          campaign.closesAt,
          home,
        )
      : '',
  };
}

export const linksCsv = (lines: Record<Heading, string>[]) =>
  toCsv(
    COLUMNS.map(([head]) => head),
    lines,
  );

export async function linksXlsx(
  lines: Record<Heading, string>[],
): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Đường dẫn');
  sheet.columns = COLUMNS.map(([header, width]) => ({ header, key: header, width }));
  sheet.addRows(lines);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}
