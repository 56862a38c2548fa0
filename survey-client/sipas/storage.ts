import type { SipasFirstScreen } from '../../contract/sipas-view';
import { type Answers, newSubmissionId } from './model';

/**
 * The answers of this tab (sessionStorage: gone when the tab closes, never shared with another
 * tab or person using the phone later), per point and code. Storage refused (private mode, full)
 * only means a reload starts again.
 */
export interface Kept {
  answers: Answers;
  comment: string;
  submissionId: string;
}

const keyOf = (first: SipasFirstScreen) => `cchc:sipas:${first.point.code}:${first.code ?? ''}`;

export function keptOn(first: SipasFirstScreen): Kept {
  try {
    const raw = sessionStorage.getItem(keyOf(first));
    const data = raw ? (JSON.parse(raw) as Partial<Kept>) : null;
    if (
      data &&
      typeof data.submissionId === 'string' &&
      typeof data.comment === 'string' &&
      data.answers &&
      typeof data.answers === 'object'
    )
      return data as Kept;
  } catch {
    // Nothing kept, or not readable: start afresh.
  }
  return { answers: {}, comment: '', submissionId: newSubmissionId() };
}

export function keep(first: SipasFirstScreen, kept: Kept) {
  try {
    sessionStorage.setItem(keyOf(first), JSON.stringify(kept));
  } catch {
    // A reload will start again.
  }
}

export function forget(first: SipasFirstScreen) {
  try {
    sessionStorage.removeItem(keyOf(first));
  } catch {
    // Nothing to do.
  }
}
