import type { ErrorBody } from '../../contract/respondent';

/** A server reply; `status` 0 means the request never got an answer (no network). */
export interface Reply<T> {
  status: number;
  data?: T;
  error?: ErrorBody['error'];
}

export const apiPath = (token: string, rest = '') => `/api/s/${encodeURIComponent(token)}${rest}`;

/** Worth trying again later: no answer, or a server/proxy that is down or overloaded. */
export const isTransient = (status: number) => status === 0 || status === 429 || status >= 500;

/**
 * One call on the link. `claim` (the claim this device got when it first opened the link, or the
 * resume code the person typed) goes in `X-Claim`: the server answers nothing else without it.
 */
export async function call<T>(
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  claim: string | null,
  body?: unknown,
  keepalive = false,
): Promise<Reply<T>> {
  const headers: Record<string, string> = claim ? { 'X-Claim': claim } : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // keepalive lets the last draft leave while the page is being closed.
      keepalive,
      cache: 'no-store',
    });
  } catch {
    return { status: 0 };
  }
  if (res.status === 204) return { status: 204 };
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return { status: res.status, data: json as T };
  const error = (json as Partial<ErrorBody> | null)?.error;
  return { status: res.status, error: error ?? { code: 'http', message: '' } };
}
