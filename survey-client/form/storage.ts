/**
 * This device's copy of the draft, the frozen submit body, the submissionId and the link's
 * claim (or the resume code typed to continue here), one key per link. Every access is guarded: storage throws in some private modes or when full, and the
 * form must keep working (the server's draft still holds the answers).
 */
type Kind = 'draft' | 'submit' | 'sid' | 'claim';

const storageKey = (kind: Kind, token: string) => `cchc:${kind}:${token}`;

export function readLocal<T>(kind: Kind, token: string): T | null {
  try {
    const raw = localStorage.getItem(storageKey(kind, token));
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function writeLocal(kind: Kind, token: string, value: unknown) {
  try {
    localStorage.setItem(storageKey(kind, token), JSON.stringify(value));
  } catch {
    // Full or forbidden: the server's draft is the only copy then.
  }
}

export function removeLocal(kind: Kind, token: string) {
  try {
    localStorage.removeItem(storageKey(kind, token));
  } catch {}
}

/**
 * After a submit nothing of the answers stays on the device (it may be shared). The claim stays:
 * it tells nothing of the answers, and without it the link shows this device no receipt.
 */
export function clearLocal(token: string) {
  for (const kind of ['draft', 'submit', 'sid'] as const) removeLocal(kind, token);
}

export const SUBMISSION_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** 16 random bytes as base64url (22 characters). */
export function newSubmissionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * Made once per link and reused on every retry, across reloads: the server recognises a retry
 * of a submit whose answer was lost by this id.
 */
export function submissionIdFor(token: string): string {
  const saved = readLocal<string>('sid', token);
  if (typeof saved === 'string' && SUBMISSION_ID.test(saved)) return saved;
  const id = newSubmissionId();
  writeLocal('sid', token, id);
  return id;
}
