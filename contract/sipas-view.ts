/**
 * The public SIPAS form's wire types (issue #14), without zod: the form (survey-client/sipas/)
 * imports this module, so nothing of zod reaches the phone. The schemas are in contract/sipas.ts.
 * `GET /api/p/<point code>` gives what the form shows and a proof-of-work challenge;
 * `POST /api/p/<point code>/submit` sends one answer. No session, no personal link: a poster's
 * QR code opens `/p/<point code>`, a one-time code's `/c/<code>`.
 */
export interface SipasOption {
  code: string;
  label: string;
}

/**
 * A scale: worst → best (the form lists a yes/no scale «Có» first: `shownOptions` below), and the
 * "Không trả lời" choice apart.
 */
export interface SipasScaleView {
  code: string;
  options: SipasOption[];
  noAnswer?: SipasOption;
}

/**
 * A scale's levels in the order the form and the paper form list them. The definition (and so
 * the wire) keeps them worst → best, which scoring reads (analysis/sipas.ts: the `top` last levels
 * are the satisfied ones); a yes/no scale is listed «Có» first, as people expect, and a longer
 * scale as the Decision prints it, «Rất không hài lòng» → «Rất hài lòng». Only the order shown
 * changes: the code sent is the level's own.
 */
export const shownOptions = <O>(scale: { options: readonly O[] }): O[] =>
  scale.options.length === 2 ? [...scale.options].reverse() : [...scale.options];

export interface SipasView {
  campaign: { name: string };
  point: {
    code: string;
    name: string;
    unitName: string;
    serviceArea: string | null;
  };
  /** The one-time code the page was opened with (`/c/<code>`), as typed on the sheet. */
  code?: string;
  title: string;
  scales: SipasScaleView[];
  aspects: {
    code: string;
    name: string;
    elements: { id: string; text: string; scale: string }[];
  }[];
  perceptions: { id: string; aspect: string; text: string; scale: string }[];
  choices: {
    id: string;
    text: string;
    options: SipasOption[];
    multiple: boolean;
    max?: number;
  }[];
  comment: { text: string } | null;
  /**
   * Known before any answer: this device answered at this point today as often as the point
   * allows (`device_limit`), or the code was used. The form says it instead of the questions.
   */
  refusal?: { code: string; message: string };
  /** A signed challenge (server/auth/proof.ts, scope 'sipas'): the submit carries its solution. */
  challenge: string;
}

/** How many answers a form can carry at most (the 2026 definition has about thirty). */
export const MAX_SIPAS_ANSWERS = 200;
export const MAX_SIPAS_COMMENT = 4000;

/** The first screen the page `/p/<point>` or `/c/<code>` carries (drawn by the server too). */
export interface SipasFirstScreen {
  campaign: { name: string };
  point: SipasView['point'];
  code?: string;
  /** About how many minutes the form takes. */
  minutes: number;
  /** A refusal known before any answer (a used or unknown code, a campaign not open). */
  refusal?: { code: string; message: string };
}

/**
 * What the form shows for a refusal, by its code: a heading and one kind line, and nothing of
 * the welcome's invitation to start (QA6). One place for the page the server draws
 * (server/sipas/answer-page.ts) and the form (survey-client/sipas/), so they cannot drift; the
 * API's own message is shown only for a code not listed here.
 */
export function refusalScreen(refusal: { code: string; message: string }): {
  title: string;
  text: string;
} {
  switch (refusal.code) {
    case 'code_used':
      return {
        title: 'Cảm ơn Ông/Bà!',
        text: 'Mã này đã được dùng để góp ý. Mỗi mã chỉ dùng được một lần.',
      };
    case 'device_limit':
      return { title: 'Cảm ơn Ông/Bà!', text: 'Ông/Bà đã góp ý cho điểm này hôm nay.' };
    case 'closed':
      return { title: 'Đợt lấy ý kiến đã kết thúc', text: 'Cảm ơn Ông/Bà đã quan tâm.' };
    case 'not_open':
      return { title: 'Đợt lấy ý kiến chưa bắt đầu', text: 'Xin Ông/Bà quay lại sau.' };
    default:
      return { title: 'Không mở được phiếu', text: refusal.message };
  }
}

/** The id of the `<script type="application/json">` element (not executed) that carries it. */
export const SIPAS_FIRST_SCREEN_ELEMENT = 'sipas-first-screen';

/** The submit's body, as contract/sipas.ts `SipasSubmitBody` checks it. */
export interface SipasSubmit {
  submissionId: string;
  answers: Record<string, string | string[]>;
  comment?: string;
  proof?: { challenge: string; nonce: string };
  code?: string;
}

export interface SipasReceiptBody {
  receipt: string;
}

/** An error as the API's envelope carries it (contract/errors.ts). */
export interface SipasError {
  code: string;
  message: string;
}
