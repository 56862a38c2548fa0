import { z } from 'zod';
import { jsonDepth } from './json-depth';

/**
 * The respondent's API, as docs/contract.md fixes it.
 *
 * Claiming a link: the first `GET /api/s/<token>` of a link never opened before returns `claim`,
 * once. Every later call on the link (GET, PUT …/draft, POST …/submit, retries included) sends
 * the header `X-Claim: <claim or resume code>`; without it or with a wrong one the answer is
 * 403 `claimed`, with no draft and nothing of any answer, and nothing is stored. Request bodies are zod schemas (the
 * server validates at the edge); responses are plain types. The form imports this file with
 * `import type` only, so no zod reaches the phone.
 */

const OptionCode = z.enum(['A', 'B', 'C', 'D', 'E']);
const Id = z.string().min(1).max(64);

export const Answer = z.strictObject({
  questionnaireId: Id,
  questionId: Id,
  unitCode: Id,
  option: OptionCode,
});
export type Answer = z.infer<typeof Answer>;

const Texts = z.record(z.string().max(64), z.string().max(4000));
/**
 * Room for every answer the largest group owes: a council delegate of the province with the most
 * communes (Hồ Chí Minh City, 168) owes 16 × 20 + 12 × 168 = 2,336 under the built-in 2026
 * definition (E for each unit not picked). 3,000 answers are about 230 KB, within BODY_LIMIT.
 */
const MAX_ANSWERS = 3000;

/** The form's own state nests 3 levels ({ known: { P02: [...] } }); room to spare. */
const MAX_STATE_DEPTH = 8;
/** The form's state is a few hundred bytes; the largest roster of communes known fits well. */
const MAX_STATE_BYTES = 32 * 1024;

function stateFits(state: unknown): boolean {
  if (state === undefined) return true;
  let text: string;
  try {
    text = JSON.stringify(state);
  } catch {
    return false;
  }
  return text.length <= MAX_STATE_BYTES && jsonDepth(text, MAX_STATE_DEPTH) <= MAX_STATE_DEPTH;
}

export const Draft = z.strictObject({
  answers: z.array(Answer).max(MAX_ANSWERS),
  comments: Texts.optional(),
  demographics: Texts.optional(),
  /**
   * Whatever the form needs to resume (which communes the respondent knows, the last screen):
   * at most MAX_STATE_DEPTH levels deep and MAX_STATE_BYTES long as JSON.
   */
  state: z
    .unknown()
    .optional()
    .refine(stateFits, {
      message: `Trạng thái bản nháp quá lớn hoặc lồng nhau quá sâu (tối đa ${MAX_STATE_DEPTH} cấp).`,
    }),
});
export type Draft = z.infer<typeof Draft>;

export const SubmitBody = z.strictObject({
  /** Made by the client once per invitation and reused on every retry. */
  submissionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  answers: z.array(Answer).max(MAX_ANSWERS),
  comments: Texts.optional(),
  demographics: Texts.optional(),
});
export type SubmitBody = z.infer<typeof SubmitBody>;

export interface OptionView {
  code: 'A' | 'B' | 'C' | 'D' | 'E';
  label: string;
}
export interface QuestionView {
  id: string;
  text: string;
  /** The field (lĩnh vực) the question belongs to: the form shows one screen per field. */
  fieldCode: string;
  options: OptionView[];
}
export interface QuestionnaireView {
  id: string;
  title: string;
  intro: string;
  /** `matrix`: every question is asked about every unit in `units`. */
  mode: 'single' | 'matrix';
  /**
   * `area`: where the unit belonged before a merger (e.g. "Huyện Hớn Quản (cũ)"), when the unit
   * set records it; the form groups the units it lists by it.
   */
  units: { code: string; name: string; area?: string }[];
  fields: { code: string; name: string }[];
  questions: QuestionView[];
  /** The open, unscored question, if any. */
  comment: { text: string } | null;
}
export interface DemographicView {
  key: string;
  label: string;
  options: string[];
}
export interface SurveyView {
  campaign: {
    id: string;
    name: string;
    /** ISO time the campaign closes, if set. */
    closesAt: string | null;
    /** The Interior Office's contact, shown on every screen. */
    contact: { name: string; phone: string } | null;
  };
  group: { code: string; name: string };
  status: 'open' | 'submitted';
  /** Present when `status` is `submitted`. */
  receipt?: string;
  /**
   * Only in the answer to the first GET of a link never opened before: the secret (160 bits,
   * base64url) that makes the link this device's. The form keeps it and sends it as `X-Claim` on
   * every later call, and shows the person the resume code derived from it (resume-code.ts).
   */
  claim?: string;
  questionnaires: QuestionnaireView[];
  demographics: DemographicView[];
  /** Sealed under a key from the token and the resume code: only ever sent with the claim. */
  draft: Draft | null;
}
/** One answer the definition does not allow (422 `invalid_answers` details). */
export interface AnswerProblem {
  questionnaireId: string;
  questionId: string;
  unitCode?: string;
  message: string;
}
export interface SubmitResult {
  receipt: string;
}
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
