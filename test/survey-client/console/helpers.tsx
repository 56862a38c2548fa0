import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, vi } from 'vitest';
import type { CollectionPoint } from '../../../contract/console/sipas-points';
import { builtInDefinition, builtInUnitSet } from '../../../questionnaires';
import { App } from '../../../survey-client/console/app';
import type {
  CampaignDetail,
  Invitation,
  InvitationPage,
  Role,
  Session,
  Tracking,
  TrackingCell,
} from '../../../survey-client/console/types';

export const CSRF = 'csrf-token-123';

/** A canned reply, or 'network' for a fetch that rejects (no connection). */
export type Reply = { status: number; body?: unknown } | 'network';
export interface Call {
  method: string;
  /** Path and query, as the console asked. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Parsed JSON, or the FormData of a multipart request. */
  body: unknown;
}

export const errorReply = (status: number, code: string, message: string, details?: unknown) => ({
  status,
  body: { error: { code, message, ...(details === undefined ? {} : { details }) } },
});

/**
 * Stands in for the server behind `fetch`. Routes are "METHOD /path" (any query) or
 * "METHOD /path?query" (that query only); a function sees the call. Unknown routes answer 404,
 * so a request the test did not expect shows up as an error on screen and in `calls`.
 */
export function fakeServer(routes: Record<string, Reply | ((c: Call) => Reply)> = {}) {
  const calls: Call[] = [];
  const table = { ...routes };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const u = new URL(url, 'http://localhost');
      const method = init.method ?? 'GET';
      const raw = init.body;
      const body = typeof raw === 'string' ? JSON.parse(raw) : (raw ?? undefined);
      const call: Call = {
        method,
        url,
        path: u.pathname,
        query: u.searchParams,
        headers: { ...(init.headers as Record<string, string>) },
        body,
      };
      calls.push(call);
      const route = table[`${method} ${u.pathname}${u.search}`] ?? table[`${method} ${u.pathname}`];
      const reply =
        typeof route === 'function'
          ? route(call)
          : (route ?? errorReply(404, 'not_found', 'Không tìm thấy địa chỉ API này.'));
      if (reply === 'network') throw new TypeError('Failed to fetch');
      const ok = reply.status >= 200 && reply.status < 300;
      return { status: reply.status, ok, json: async () => reply.body } as Response;
    }),
  );
  return {
    calls,
    on(route: string, reply: Reply | ((c: Call) => Reply)) {
      table[route] = reply;
    },
    /** The calls that change something (everything but GET). */
    changes: () => calls.filter((c) => c.method !== 'GET'),
    gets: (path: string) => calls.filter((c) => c.method === 'GET' && c.path === path),
  };
}

export function session(role: Role = 'officer', name = 'Trần Thị Bình'): Session {
  return {
    user: { id: 'u1', email: 'binh@honquan.vn', name, role, mustChangePassword: false },
    organisation: { id: 'root', name: 'Toàn hệ thống' },
    csrfToken: CSRF,
    publicUrlWarning: null,
  };
}

export const signedIn = (role: Role = 'officer') => ({
  'GET /api/auth/me': { status: 200, body: { signedIn: true, ...session(role) } },
});

export function campaign(patch: Partial<CampaignDetail> = {}): CampaignDetail {
  return {
    id: 'c2024',
    name: 'Khảo sát CCHC năm 2024',
    kind: 'par',
    phase: 'open',
    opensAt: '2024-11-01T01:00:00.000Z',
    closesAt: '2024-12-15T10:00:00.000Z',
    contactName: 'Phòng Nội vụ',
    contactPhone: '0271 3645 123',
    targetRate: 70,
    definition: { code: 'HQ2023', version: 1, name: 'Hớn Quản 2023' },
    counts: { invited: 40, submitted: 18 },
    organisation: { id: 'root', name: 'Toàn hệ thống' },
    archivedAt: null,
    groups: builtInDefinition().groups.map((g) => ({
      code: g.code,
      name: g.name,
      questionnaires: g.questionnaires,
      unitRequired: g.unitRequired,
    })),
    units: builtInUnitSet().units,
    ...patch,
  };
}

/** A collection point of a SIPAS campaign (issue #14) as `GET …/points` lists it. */
export function collectionPoint(patch: Partial<CollectionPoint> = {}): CollectionPoint {
  return {
    id: 'p1',
    code: 'K7QM4X',
    url: 'http://survey.test/p/K7QM4X',
    name: 'Bộ phận Một cửa xã Tân Hưng',
    unitCode: 'X-TANHUNG',
    unitName: 'UBND xã Tân Hưng',
    serviceArea: null,
    opens: '07:30',
    closes: '17:00',
    weekdays: [1, 2, 3, 4, 5],
    dailyLimit: 1,
    position: 0,
    codes: { issued: 0, used: 0 },
    inUse: false,
    ...patch,
  };
}

export function cell(patch: Partial<TrackingCell>): TrackingCell {
  return {
    groupCode: 'HDND_HUYEN',
    groupName: 'Đại biểu HĐND huyện',
    unitCode: null,
    unitName: 'Không theo đơn vị',
    invited: 0,
    notOpened: 0,
    opened: 0,
    inProgress: 0,
    submitted: 0,
    rate: 0,
    ...patch,
  };
}

export function invitation(patch: Partial<Invitation> = {}): Invitation {
  return {
    id: 'inv1',
    status: 'not_opened',
    name: 'Nguyễn Văn An',
    position: 'Phó Chủ tịch',
    groupCode: 'LD_UBND_XA',
    group: 'Lãnh đạo UBND các xã, thị trấn',
    unitCode: 'X-ANPHU',
    unit: 'UBND xã An Phú',
    phone: '0912345678',
    email: null,
    reminders: 0,
    lastReminderAt: null,
    link: 'https://khaosat.example.vn/s/tok-abc',
    shortCode: 'K7Q2-9XFA',
    openedAt: null,
    startedAt: null,
    submittedAt: null,
    changedAt: '2026-11-02T01:00:00.000Z',
    respondentId: 'r1',
    workplace: null,
    unitName: 'UBND xã An Phú',
    ...patch,
  };
}

/** One page of invitations as `GET …/invitations` answers it: all of `rows`, by default. */
export function invitationPage(
  rows: Invitation[],
  patch: Partial<InvitationPage> = {},
): InvitationPage {
  const live = rows.filter((r) => !['submitted', 'revoked'].includes(r.status)).length;
  return {
    items: rows,
    total: rows.length,
    page: 1,
    pageSize: 50,
    slips: {
      count: live,
      pages: { '1': live, '4': Math.ceil(live / 4), '8': Math.ceil(live / 8) },
      unitPages: { '1': live, '4': Math.ceil(live / 4), '8': Math.ceil(live / 8) },
    },
    ...patch,
  };
}

export const tracking = (patch: Partial<Tracking> = {}): Tracking => ({
  targetRate: 70,
  total: cell({ groupCode: '', groupName: 'Tổng cộng', unitName: '', invited: 0 }),
  groups: [],
  rows: [],
  daily: [],
  ...patch,
});

/** Opens the console at `path`, as typing the address would. */
export async function openAt(path: string) {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(
    `http://localhost${path}`,
  );
  const result = render(<App />);
  await settle();
  return result;
}

/** Lets the pending fetch replies and the renders that follow them run. */
export async function settle() {
  for (let round = 0; round < 6; round++) {
    await act(async () => {
      await new Promise((ok) => setTimeout(ok, 0));
    });
  }
}

export async function click(name: string | RegExp, scope: HTMLElement = document.body) {
  fireEvent.click(within(scope).getByRole('button', { name }));
  await settle();
}

export const dialog = () => screen.getByRole('alertdialog');

export function useConsoleEnv() {
  beforeEach(() => {
    history.replaceState(null, '', '/console');
    // The lists remember their filters per campaign in the browser (parts/list-state.ts).
    localStorage.clear();
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
}
