import type { SubmitBody, SubmitResult } from '../../contract/respondent';
import { apiPath, call, isTransient, type Reply } from './api';

/** First retry after 2 s, doubling up to a minute: gentle on a phone and on the server. */
export const retryDelay = (attempt: number) => Math.min(60_000, 2000 * 2 ** attempt);

/**
 * Posts the frozen body until the server gives a definite answer: retries on no network or 5xx,
 * on a backoff timer and at once when the `online` event fires, always with the same body (and
 * so the same submissionId) and the same claim, which the server recognises as a retry.
 */
export function createSubmission(
  token: string,
  claim: string,
  body: SubmitBody,
  onWaiting: () => void,
  onDone: (reply: Reply<SubmitResult>) => void,
) {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = false;
  let done = false;

  async function post() {
    clearTimeout(timer);
    if (busy || done) return;
    busy = true;
    const reply = await call<SubmitResult>('POST', apiPath(token, '/submit'), claim, body);
    busy = false;
    if (done) return;
    if (isTransient(reply.status)) {
      onWaiting();
      timer = setTimeout(post, retryDelay(attempt++));
      return;
    }
    stop();
    onDone(reply);
  }

  function stop() {
    done = true;
    clearTimeout(timer);
    removeEventListener('online', retryNow);
  }
  const retryNow = () => {
    post();
  };

  addEventListener('online', retryNow);
  post();
  return { retryNow, stop };
}
