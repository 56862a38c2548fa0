import type { Draft } from '../../contract/respondent';
import { apiPath, call, isTransient } from './api';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'offline';

/** Long enough to batch a burst of taps, short enough that a closed tab loses little. */
export const DRAFT_DELAY_MS = 1500;

/**
 * Sends the latest draft to the server, debounced; flushes it with `keepalive` when the page is
 * hidden or closed, and again when the network comes back. `onFatal` gets the statuses that end
 * the form (404 revoked, 403 not open or claimed, 409 used elsewhere, 410 closed).
 */
export function createDraftSync(
  token: string,
  claim: string,
  onStatus: (s: SaveStatus) => void,
  onFatal: (status: number, code?: string) => void,
) {
  let pending: Draft | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = false;
  let stopped = false;

  async function send(keepalive = false) {
    clearTimeout(timer);
    // One request at a time keeps drafts arriving in order; a closing page cannot wait.
    if (!pending || stopped || (busy && !keepalive)) return;
    const draft = pending;
    pending = null;
    busy = true;
    onStatus('saving');
    const reply = await call('PUT', apiPath(token, '/draft'), claim, draft, keepalive);
    busy = false;
    if (stopped) return;
    if (reply.status === 204) {
      if (pending) send();
      else onStatus('saved');
    } else if (isTransient(reply.status) || reply.status === 400 || reply.status === 422) {
      // Kept for the next try; the answers are safe in localStorage meanwhile.
      pending ??= draft;
      onStatus('offline');
    } else {
      stopped = true;
      onFatal(reply.status, reply.error?.code);
    }
  }

  const flush = () => {
    send(true);
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  const onOnline = () => {
    send();
  };
  addEventListener('online', onOnline);
  addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onVisibility);

  return {
    save(draft: Draft) {
      pending = draft;
      clearTimeout(timer);
      timer = setTimeout(send, DRAFT_DELAY_MS);
    },
    /** Drops what is waiting: a submit is under way and makes the draft pointless. */
    cancel() {
      pending = null;
      clearTimeout(timer);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      removeEventListener('online', onOnline);
      removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}

export type DraftSync = ReturnType<typeof createDraftSync>;
