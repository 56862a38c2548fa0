import { z } from 'zod';

/**
 * The public SIPAS form's API (issue #14): `GET /api/p/<point code>` gives what the form shows
 * and a proof-of-work challenge; `POST /api/p/<point code>/submit` sends one answer. No session,
 * no personal link: a poster's QR code opens `/p/<point code>`, a one-time code's `/c/<code>`.
 * The form (survey-client/sipas/) imports only the types (`import type`): no zod on the phone.
 */

export interface SipasOption {
  code: string;
  label: string;
}

/** A scale as the form shows it: worst → best, and the "Không trả lời" choice apart. */
export interface SipasScaleView {
  code: string;
  options: SipasOption[];
  noAnswer?: SipasOption;
}

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
  /** A signed challenge (server/auth/proof.ts, scope 'sipas'): the submit carries its solution. */
  challenge: string;
}

/** How many answers a form can carry at most (the 2026 definition has about thirty). */
export const MAX_SIPAS_ANSWERS = 200;
export const MAX_SIPAS_COMMENT = 4000;

const OptionCode = z.string().min(1).max(16);

export const SipasSubmitBody = z
  .object({
    /** Made by the form once per answer: a retry with it is recognised and counted once. */
    submissionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    /** question id → the option chosen, or the options of a multiple choice. */
    answers: z
      .record(z.string().min(1).max(64), z.union([OptionCode, z.array(OptionCode).max(20)]))
      .refine((a) => Object.keys(a).length <= MAX_SIPAS_ANSWERS, {
        message: `Tối đa ${MAX_SIPAS_ANSWERS} câu trả lời.`,
      }),
    comment: z.string().max(MAX_SIPAS_COMMENT).optional(),
    /** The solved challenge; without it the answer is refused (400 `proof_required`). */
    proof: z.object({ challenge: z.string().max(400), nonce: z.string().max(40) }).optional(),
    /** A one-time code handed out with a dossier's receipt (`ABCD-EFGH`). */
    code: z.string().max(40).optional(),
  })
  .strict();
export type SipasSubmitBody = z.infer<typeof SipasSubmitBody>;

export const SipasReceipt = z.object({ receipt: z.string() });
export type SipasReceipt = z.infer<typeof SipasReceipt>;

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

/** The id of the `<script type="application/json">` element (not executed) that carries it. */
export const SIPAS_FIRST_SCREEN_ELEMENT = 'sipas-first-screen';
