import { ApiFailure } from '../api';
import { vnDateTime } from '../format';

interface Ask {
  title: string;
  text: string;
  ok: string;
  danger?: boolean;
}

const question = (text: string): Ask => ({
  title: 'Mở đợt khảo sát ngay?',
  text,
  ok: 'Mở ngay',
  danger: true,
});

/**
 * Sends a campaign whose start time may be already past (issue #13.14): such a start opens the
 * campaign at once and fixes its questionnaire, so the officer is asked first and the call then
 * says `openNow`. The browser's clock asks before sending (no refused call in the browser's
 * console); the server's clock has the last word: its 409 `opens_in_past` asks too.
 * @returns what `send` answered, or undefined when the officer chose not to open now.
 */
export async function sendOpening<T>(
  opensAt: string | null | undefined,
  ask: (a: Ask) => Promise<boolean>,
  send: (openNow: boolean) => Promise<T>,
): Promise<T | undefined> {
  let confirmed = false;
  if (opensAt && Date.parse(opensAt) <= Date.now()) {
    const text = `Thời điểm bắt đầu (${vnDateTime(opensAt)}) đã qua: đợt khảo sát sẽ mở ngay, người được mời trả lời được từ lúc này, và bộ câu hỏi, cách tính điểm được cố định, không sửa được nữa.`;
    if (!(await ask(question(text)))) return undefined;
    confirmed = true;
  }
  try {
    return await send(confirmed);
  } catch (e) {
    if (confirmed || !(e instanceof ApiFailure) || e.code !== 'opens_in_past') throw e;
    if (!(await ask(question(e.message)))) return undefined;
    return send(true);
  }
}
