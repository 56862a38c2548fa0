import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { SubmitBody, SurveyView } from '../../contract/respondent';
import { App } from '../../survey-client/form/app';

export const TOKEN = 'tok-123';
export const RECEIPT = 'K7Q2-9XFA';
/** What the stub server hands out on a GET, as a real one does on the first open of a link. */
export const CLAIM = 'tA6zZGOl3JMMkG0UhzOh0s0fC5o';

type Method = 'GET' | 'PUT' | 'POST';
/** A canned reply, or 'network' for a fetch that rejects (no connection). */
export type Reply = { status: number; body?: unknown } | 'network';
export interface Call {
  method: Method;
  path: string;
  body: unknown;
  keepalive: boolean;
  /** The X-Claim header sent, if any. */
  claim: string | undefined;
}

export const errorReply = (status: number, code: string, message = '', details?: unknown) => ({
  status,
  body: { error: { code, message, details } },
});

/**
 * Stands in for the server behind `fetch`: GET serves the view, PUT draft answers 204, POST
 * submit 201 with a receipt; `queue` makes the next calls of a method answer otherwise.
 */
export function stubServer(view: SurveyView | null) {
  const calls: Call[] = [];
  const queued: Record<Method, Reply[]> = { GET: [], PUT: [], POST: [] };
  const defaults: Record<Method, Reply> = {
    GET: view ? { status: 200, body: { claim: CLAIM, ...view } } : errorReply(404, 'not_found'),
    PUT: { status: 204 },
    POST: { status: 201, body: { receipt: RECEIPT } },
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const method = (init.method ?? 'GET') as Method;
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      const claim = (init.headers as Record<string, string> | undefined)?.['X-Claim'];
      calls.push({ method, path, body, keepalive: Boolean(init.keepalive), claim });
      const reply = queued[method].shift() ?? defaults[method];
      if (reply === 'network') throw new TypeError('Failed to fetch');
      const ok = reply.status >= 200 && reply.status < 300;
      return { status: reply.status, ok, json: async () => reply.body } as Response;
    }),
  );
  return {
    calls,
    queue(method: Method, ...replies: Reply[]) {
      queued[method].push(...replies);
    },
    setDefault(method: Method, reply: Reply) {
      defaults[method] = reply;
    },
    puts: () => calls.filter((c) => c.method === 'PUT'),
    posts: () => calls.filter((c) => c.method === 'POST').map((c) => c.body as SubmitBody),
  };
}

/** Fake timers for every test (drafts are debounced, submits retried on a timer). */
export function useTestEnv() {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2023-12-01T03:00:00Z'));
    localStorage.clear();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    localStorage.clear();
  });
}

/** Lets pending promises (fetch replies) and `ms` of timers run, and renders what follows. */
export async function flush(ms = 0) {
  // A reply takes a few turns (fetch, json, render, effects, maybe the next request), and act()
  // runs Preact's effects only as it ends: a few rounds let such a chain settle.
  for (let round = 0; round < 4; round++) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(round ? 0 : ms);
    });
  }
}

export async function renderApp(token: string | null = TOKEN) {
  const result = render(<App token={token} />);
  await flush();
  return result;
}

export const heading = () => screen.getByRole('heading', { level: 1 }).textContent;

export async function clickButton(name: string | RegExp) {
  fireEvent.click(screen.getByRole('button', { name }));
  await flush();
}

/** The fieldset of a question ("Câu 3") or, inside it, of a unit. */
export function group(name: string | RegExp, scope: HTMLElement = document.body) {
  return within(scope).getByRole('group', { name });
}
export const question = (n: number) => group(new RegExp(`^Câu ${n}\\.`));

/** Taps an option the way a person does: on the label's text, not on the radio. */
export function tap(scope: HTMLElement, label: string) {
  fireEvent.click(within(scope).getByText(label, { exact: true }));
}

export function checkedLabel(scope: HTMLElement): string | undefined {
  const input = scope.querySelector<HTMLInputElement>('input:checked');
  return input?.closest('label')?.textContent ?? undefined;
}

/** Presses "Tiếp tục" (or "Xem lại và gửi") until the screen's heading is `title`. */
export async function continueTo(title: string) {
  // Twice per screen at most: a screen left half-answered says so once, then moves on.
  for (let i = 0; i < 80 && heading() !== title; i++) {
    const next = screen.queryByRole('button', { name: 'Tiếp tục' });
    await clickButton(next ? 'Tiếp tục' : 'Xem lại và gửi');
  }
  expect(heading()).toBe(title);
}

export const localDraft = (token = TOKEN) => {
  const raw = localStorage.getItem(`cchc:draft:${token}`);
  return raw ? JSON.parse(raw) : null;
};
