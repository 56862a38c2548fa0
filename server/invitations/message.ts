import { viDateTime } from '../results/export/format';

/** Who a message is for, and how to reach the form. */
export interface MessageTo {
  name: string;
  link: string;
  shortCode: string;
}

/**
 * The Vietnamese message an officer pastes into Zalo, SMS or an e-mail, greeting as offices
 * write to officials ("Kính gửi đồng chí …", issue #13.11), the deadline as a document gives it:
 * "trước 17 giờ 00 ngày 05/01/2027".
 */
export function inviteMessage(
  to: MessageTo,
  campaignName: string,
  closesAt: string | null,
  home: string,
): string {
  const deadline = closesAt ? ` trước ${viDateTime(closesAt)}` : '';
  return [
    `Kính gửi đồng chí ${to.name},`,
    `Trân trọng kính mời đồng chí tham gia ${campaignName}.`,
    `Đề nghị đồng chí mở đường dẫn cá nhân sau để trả lời${deadline}: ${to.link}`,
    `(hoặc vào ${home} và nhập mã ${to.shortCode}).`,
    'Phiếu không ghi họ tên; câu trả lời không thể truy ra người trả lời. Trân trọng cảm ơn đồng chí!',
  ]
    .join('\n')
    .normalize('NFC');
}
