/**
 * The paper sheets' serial as the officer types it, checked before anything is sent: the same
 * alphabet and check character as server/paper/serial.ts (which needs node:crypto, so it cannot
 * come to the browser; test/survey-client/console/paper/serial.test.ts keeps the two in step).
 */

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BODY = 8;

function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * ALPHABET.indexOf(body[i] ?? '');
  return ALPHABET[sum % ALPHABET.length] ?? '';
}

/** What was typed without case, spaces or dashes. */
export const cleanCode = (typed: string) => typed.toUpperCase().replace(/[\s\-–.·/]/g, '');

export type SerialCheck = { ok: true; serial: string } | { ok: false; message: string };

/** "k7qm 4x2p r" → "K7QM-4X2P-R", or why it cannot be a serial (in Vietnamese). */
export function checkSerial(typed: string): SerialCheck {
  const clean = cleanCode(typed);
  if (clean === '') return { ok: false, message: 'Hãy nhập số phiếu in ở đầu mỗi tờ trả lời.' };
  if (clean.length === BODY) {
    return {
      ok: false,
      message:
        'Đây có vẻ là mã phiếu giấy trên cuống phiếu (8 ký tự). Số phiếu in trên tờ trả lời có 9 ký tự, ví dụ K7QM-4X2P-R.',
    };
  }
  if (clean.length !== BODY + 1) {
    return { ok: false, message: 'Số phiếu có 9 ký tự, ví dụ K7QM-4X2P-R.' };
  }
  const bad = [...clean].filter((c) => !ALPHABET.includes(c));
  if (bad.length > 0) {
    return {
      ok: false,
      message: `Số phiếu không có ký tự ${[...new Set(bad)].join(', ')} (không dùng 0, 1, O, I, L).`,
    };
  }
  if (checkChar(clean.slice(0, BODY)) !== clean.slice(BODY)) {
    return {
      ok: false,
      message:
        'Số phiếu không đúng: có ký tự gõ nhầm hoặc đảo chỗ. Hãy đối chiếu lại từng ký tự với tờ phiếu.',
    };
  }
  return { ok: true, serial: `${clean.slice(0, 4)}-${clean.slice(4, 8)}-${clean.slice(8)}` };
}
