import {
  SERIAL_ALPHABET as ALPHABET,
  SERIAL_BODY as BODY,
  checkChar,
  cleanCode,
  formatSerial,
} from '../../../contract/serial';

/**
 * The paper sheets' serial as the officer types it, checked before anything is sent, with the
 * alphabet and check character of contract/serial.ts (the server's too), and saying why not.
 */

export { cleanCode };

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
  return { ok: true, serial: formatSerial(clean) };
}
