import { formatDeadline } from '../../contract/deadline';
import type { FirstScreen } from '../../contract/first-screen';
import { resumeCodeOf } from '../../contract/resume-code';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The welcome of a link never opened, drawn by the server into the page (issue #13.8): the first
 * screen paints as soon as the page arrives, before the form's script; the script then takes
 * these very elements over. It is the markup of the form's `Opening` (survey-client/form/
 * screens/welcome.tsx) and its footer, character for character:
 * test/survey-client/first-screen.test.tsx compares the two.
 */
export function openingPage(first: FirstScreen): string {
  const e = escapeHtml;
  const { campaign, group } = first;
  const items = first.questionnaires.map((q) => `<li>${e(q.title)}</li>`).join('');
  const deadline = campaign.closesAt
    ? `<p>Hạn trả lời: <b>${e(formatDeadline(campaign.closesAt))}</b>.</p>`
    : '';
  const main =
    '<main>' +
    '<div class="progress"><label for="progress">Phần 1</label><progress id="progress"></progress></div>' +
    `<h1 id="screen-title" tabindex="-1">${e(campaign.name)}</h1>` +
    `<p>Kính gửi: <b>${e(group.name)}</b></p>` +
    `<p>Ông/Bà được mời trả lời:</p><ul>${items}</ul>` +
    '<p class="promise"><b>Phiếu không ghi họ tên.</b> Câu trả lời được lưu tách rời khỏi danh ' +
    'sách người được mời: không ai, kể cả cơ quan tổ chức khảo sát, có thể biết Ông/Bà đã trả ' +
    'lời thế nào.</p>' +
    deadline +
    '<p>Câu trả lời được lưu tự động. Ông/Bà có thể tạm dừng và quay lại sau bằng chính đường ' +
    'dẫn này.</p>' +
    `<p class="promise">Mã tiếp tục của Ông/Bà: <b class="code">${e(resumeCodeOf(first.claim))}</b><br>` +
    'Xin ghi lại mã này. Đường dẫn nay đã gắn với thiết bị này; nếu muốn làm tiếp trên điện ' +
    'thoại hay máy tính khác, Ông/Bà mở đường dẫn trên máy đó và nhập mã này. Mã chỉ dành riêng ' +
    'cho Ông/Bà: xin không đưa cho người khác, kể cả cán bộ phát phiếu.</p>' +
    '<p class="note" role="status"></p>' +
    '<div class="nav"><button type="button" class="primary">Tiếp tục</button></div>' +
    '<p class="save" role="status"></p>' +
    '</main>';
  const contact = campaign.contact;
  const footer = contact
    ? `<footer>Cần hỗ trợ, xin liên hệ ${e(contact.name)}: ` +
      `<a href="tel:${e(contact.phone.replace(/[^\d+]/g, ''))}">${e(contact.phone)}</a></footer>`
    : '';
  return main + footer;
}
