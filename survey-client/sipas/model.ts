import type { SipasScaleView, SipasSubmit, SipasView } from '../../contract/sipas-view';

/**
 * The SIPAS form's screens and answers, pure (test/survey-client/sipas-model.test.ts): one
 * screen per aspect (its satisfaction questions, then its statements), one for the service
 * used and the channel, one for the comment and sending.
 */
export type Answers = Record<string, string | string[]>;

export type Screen = { k: 'aspect'; index: number } | { k: 'choices' } | { k: 'comment' };

export function screensOf(view: SipasView): Screen[] {
  const screens: Screen[] = view.aspects.map((_, index) => ({ k: 'aspect', index }));
  if (view.choices.length > 0) screens.push({ k: 'choices' });
  screens.push({ k: 'comment' });
  return screens;
}

export const scaleOf = (view: SipasView, code: string): SipasScaleView | undefined =>
  view.scales.find((s) => s.code === code);

/**
 * A choice's question with its limit said once: «… (chọn tối đa 3)». The limit is `max`; a
 * definition whose text already says it (sipas-2026, stored as version 1 in databases, so not
 * edited) keeps its words, and the form adds nothing.
 */
export function choiceLegend(choice: SipasView['choices'][number]): string {
  if (!choice.multiple || !choice.max) return choice.text;
  const hint = `(chọn tối đa ${choice.max})`;
  return choice.text.includes(hint) ? choice.text : `${choice.text} ${hint}`;
}

/** The satisfaction questions of a screen left unanswered (neither a level nor "Không trả lời"). */
export function missingOn(view: SipasView, screen: Screen, answers: Answers): string[] {
  if (screen.k !== 'aspect') return [];
  return (view.aspects[screen.index]?.elements ?? [])
    .filter((e) => typeof answers[e.id] !== 'string')
    .map((e) => e.id);
}

/** A multiple choice with a toggled option, never more than its `max`. */
export function toggle(current: string[], option: string, max: number | undefined): string[] {
  if (current.includes(option)) return current.filter((o) => o !== option);
  if (max !== undefined && current.length >= max) return current;
  return [...current, option];
}

/** The submit body: empty multiple choices and a blank comment are left out. */
export function bodyOf(
  submissionId: string,
  answers: Answers,
  comment: string,
  proof: SipasSubmit['proof'],
  code: string | undefined,
): SipasSubmit {
  const kept: Answers = {};
  for (const [id, value] of Object.entries(answers))
    if (!Array.isArray(value) || value.length > 0) kept[id] = value;
  return {
    submissionId,
    answers: kept,
    ...(comment.trim() ? { comment: comment.trim() } : {}),
    ...(proof ? { proof } : {}),
    ...(code ? { code } : {}),
  };
}

/** A random id for this answer (128 bits, URL-safe): the server recognises its retries by it. */
export function newSubmissionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
