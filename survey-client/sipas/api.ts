import type { SipasError } from '../../contract/sipas-view';

/**
 * The SIPAS form's calls (no claim, no session: the device cookie goes by itself). Its own few
 * lines rather than the PAR form's api.ts: sharing a module would split the PAR form's bundle
 * into one more file for every phone that opens a personal link.
 */
export interface Reply<T> {
  /** 0: no answer at all (no network). */
  status: number;
  data?: T;
  error?: SipasError;
}

export const sipasPath = (pointCode: string, rest = '') =>
  `/api/p/${encodeURIComponent(pointCode)}${rest}`;

/** Worth trying again later: no answer, or a server/proxy that is down or overloaded. */
export const isTransient = (status: number) => status === 0 || status === 429 || status >= 500;

/** First retry after 2 s, doubling up to a minute: gentle on a phone and on the server. */
export const retryDelay = (attempt: number) => Math.min(60_000, 2000 * 2 ** attempt);

export async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Reply<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    return { status: 0 };
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return { status: res.status, data: json as T };
  const error = (json as { error?: SipasError } | null)?.error;
  return { status: res.status, error: error ?? { code: 'http', message: '' } };
}
