/**
 * The console's one door to the server: same-origin JSON (or multipart) under /api, the session's
 * CSRF token on every change, and the server's Vietnamese error message carried as it is.
 */

/** A refused or failed call. `status` 0 means the server was never reached (no network). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export const NETWORK_MESSAGE =
  'Không kết nối được máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.';

let csrfToken = '';
let signedOut: () => void = () => undefined;

/** The token from sign-in or /api/auth/me; POST/PUT/PATCH/DELETE echo it in X-CSRF-Token. */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** Called on a 401 (the session expired or was ended elsewhere): the app shows the sign-in. */
export function onSignedOut(handler: () => void) {
  signedOut = handler;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  const multipart = typeof FormData !== 'undefined' && body instanceof FormData;
  // The browser writes the multipart boundary itself; JSON needs its content type said.
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : multipart ? (body as FormData) : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiFailure(0, 'network', NETWORK_MESSAGE);
  }
  if (res.status === 204) return undefined as T;
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return json as T;
  const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)
    ?.error;
  // A wrong password at sign-in is a 401 too, but it is an answer, not an expired session.
  if (res.status === 401 && path !== '/api/auth/login') signedOut();
  throw new ApiFailure(
    res.status,
    error?.code ?? 'http',
    error?.message || `Máy chủ trả lời lỗi ${res.status}. Vui lòng thử lại.`,
    error?.details,
  );
}

/** What to tell the officer about any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiFailure) return e.message;
  return 'Đã xảy ra lỗi không mong muốn. Vui lòng tải lại trang.';
}

export const isNetworkFailure = (e: unknown) => e instanceof ApiFailure && e.status === 0;

/** `/api/campaigns/<id>…`, the id escaped. */
export const campaignApi = (id: string, rest = '') =>
  `/api/campaigns/${encodeURIComponent(id)}${rest}`;

/** `?a=1&b=2` from the non-empty values, or '' when there are none. */
export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
