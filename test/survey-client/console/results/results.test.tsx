// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
// Loaded ahead, as a browser would have by the time the data comes: the console loads it lazily.
import '../../../../survey-client/console/results/screens';
import type { ResultsDocument, RunSummary } from '../../../../survey-client/console/results/types';
import type { Phase, Role } from '../../../../survey-client/console/types';
import {
  CSRF,
  campaign,
  cell,
  click,
  dialog,
  errorReply,
  fakeServer,
  openAt,
  settle,
  signedIn,
  tracking,
  useConsoleEnv,
} from '../helpers';
import {
  definition,
  distributions,
  FINGERPRINT,
  resultsDoc,
  runList,
  runSummary,
} from './fixtures';

useConsoleEnv();

const counts = tracking({
  total: cell({ groupName: 'Tổng cộng', invited: 40, submitted: 18, rate: 45 }),
  rows: [
    cell({ invited: 10, submitted: 8, rate: 80 }),
    cell({
      groupCode: 'LD_UBND_XA',
      groupName: 'Lãnh đạo UBND các xã, thị trấn',
      unitCode: 'X-ANPHU',
      unitName: 'UBND xã An Phú',
      invited: 30,
      submitted: 10,
      rate: 33.3,
    }),
  ],
});

function serve(
  role: Role = 'analyst',
  phase: Phase = 'closed',
  runs: RunSummary[] = [runSummary()],
  docs: ResultsDocument[] = [resultsDoc()],
) {
  const server = fakeServer({
    ...signedIn(role),
    'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase }) },
    'GET /api/campaigns/c2024/tracking': { status: 200, body: counts },
    'GET /api/campaigns/c2024/definition': { status: 200, body: { editable: false, definition } },
    'GET /api/campaigns/c2024/runs': { status: 200, body: runList(runs) },
  });
  for (const doc of docs) {
    const id = doc.method.runId;
    server.on(`GET /api/campaigns/c2024/runs/${id}`, { status: 200, body: doc });
    server.on(`GET /api/campaigns/c2024/runs/${id}/distributions`, {
      status: 200,
      body: distributions(id),
    });
  }
  return server;
}

const section = (name: string | RegExp) =>
  screen.getByRole('heading', { name }).closest('section') as HTMLElement;
/** Picks an option of a <select>, as a person would. */
async function choose(select: HTMLElement, value: string) {
  fireEvent.change(select, { target: { value } });
  await settle();
}
/** Unfolds a folded part of the unit detail by its heading. */
async function open(scope: HTMLElement, title: string) {
  const summary = within(scope).getByRole('heading', { name: title }).closest('summary');
  if (!summary) throw new Error(`${title} is not folded`);
  fireEvent.click(summary);
  await settle();
}
const tabs = () =>
  within(screen.getByRole('navigation', { name: 'Các mục của đợt khảo sát' }))
    .getAllByRole('link')
    .map((a) => a.textContent);
const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim()));

describe('who sees results', () => {
  it.each(['analyst', 'admin'] as const)('%s has the "Kết quả" tab', async (role) => {
    serve(role);
    await openAt('/console/c/c2024');
    expect(tabs()).toContain('Kết quả');
    expect(tabs()).toContain('Ý kiến góp ý');
  });

  it('an officer never sees the tab, and typing the address asks the server for nothing', async () => {
    const server = serve('officer');
    await openAt('/console/c/c2024');
    expect(tabs()).not.toContain('Kết quả');
    expect(tabs()).not.toContain('Ý kiến góp ý');
    for (const path of [
      '/console/c/c2024/results',
      '/console/c/c2024/results/run-official',
      '/console/c/c2024/comments',
      '/console/c/c2024/results/run-official/unit/694',
    ]) {
      server.calls.length = 0;
      document.body.innerHTML = '';
      await openAt(path);
      expect(screen.getByRole('alert').textContent).toBe(
        'Tài khoản của Ông/Bà không có quyền xem mục này.',
      );
      expect(server.calls.some((c) => /runs|comments|definition/.test(c.path))).toBe(false);
    }
  });
});

describe('while the campaign is open', () => {
  it('says there is no score yet and shows only the response counts and rates', async () => {
    const server = serve('analyst', 'open');
    await openAt('/console/c/c2024/results');
    expect(
      screen.getByText(/Đợt khảo sát đang mở: chưa có điểm; chỉ xem được số phiếu/),
    ).toBeTruthy();
    const stat = (label: string) =>
      within(section('Số phiếu đã nhận')).getByText(label).nextElementSibling?.textContent;
    expect(stat('Được mời')).toBe('40');
    expect(stat('Đã gửi')).toBe('18');
    expect(stat('Tỷ lệ trả lời')).toBe('45%');
    // The response-rate chart reads as a table too.
    const rates = within(section('Tỷ lệ trả lời theo nhóm và đơn vị')).getByRole('table');
    expect(rowsOf(rates)).toEqual([
      ['Đại biểu HĐND huyện', 'Không theo đơn vị', '10', '8', '80%'],
      ['Lãnh đạo UBND các xã, thị trấn', 'UBND xã An Phú', '30', '10', '33,3%'],
    ]);
    expect(screen.getByRole('img', { name: /Tỷ lệ đã gửi phiếu/ }).tagName).toBe('CANVAS');
    expect(screen.queryByRole('button', { name: 'Chạy tính điểm' })).toBeNull();
    expect(server.calls.some((c) => c.path.includes('/runs'))).toBe(false);
  });
});

describe('once closed: runs', () => {
  const trial = runSummary({
    id: 'run-trial',
    createdAt: '2024-12-21T03:00:00.000Z',
    official: false,
    trial: true,
    settings: { ...definition.method, scaleProfile: 'LIN4' },
  });

  it('lists the runs with their kind, settings and whether their data is current', async () => {
    serve('analyst', 'closed', [
      trial,
      runSummary({ current: false, id: 'run-old', createdAt: '2024-12-19T01:00:00.000Z' }),
      runSummary(),
    ]);
    await openAt('/console/c/c2024/results');
    const table = within(section('Các lần tính điểm')).getByRole('table');
    expect(rowsOf(table).map((r) => r.slice(0, 5))).toEqual([
      ['21/12/2024 10:00', 'Thử nghiệm', 'LIN4 · EQUAL_GROUP · ZERO', '120', 'Hiện hành'],
      [
        '19/12/2024 08:00',
        'Chính thức',
        'YB4 · EQUAL_GROUP · ZERO',
        '120',
        'Đã thay đổi sau lần tính',
      ],
      ['20/12/2024 09:00Đang xem', 'Chính thức', 'YB4 · EQUAL_GROUP · ZERO', '120', 'Hiện hành'],
    ]);
    // With no run in the address, the newest official run is shown (not the newer trial).
    expect(
      screen.getByRole('heading', { name: /Kết quả lần tính 20\/12\/2024 09:00/ }),
    ).toBeTruthy();
  });

  it('"Chạy tính điểm" posts an official run (no body) with the CSRF token and shows it', async () => {
    const server = serve('analyst', 'closed', [], []);
    await openAt('/console/c/c2024/results');
    expect(screen.getByText(/Chưa có lần tính điểm nào/)).toBeTruthy();
    const fresh = resultsDoc({ runId: 'run-new', createdAt: '2024-12-22T04:00:00.000Z' });
    server.on('POST /api/campaigns/c2024/runs', { status: 201, body: fresh });
    server.on('GET /api/campaigns/c2024/runs', {
      status: 200,
      body: runList([runSummary({ id: 'run-new', createdAt: '2024-12-22T04:00:00.000Z' })]),
    });
    server.on('GET /api/campaigns/c2024/runs/run-new', { status: 200, body: fresh });
    server.on('GET /api/campaigns/c2024/runs/run-new/distributions', {
      status: 200,
      body: distributions('run-new'),
    });
    await click('Chạy tính điểm');
    expect(
      server.changes().map((c) => [c.method, c.path, c.headers['X-CSRF-Token'], c.body]),
    ).toEqual([['POST', '/api/campaigns/c2024/runs', CSRF, undefined]]);
    expect(location.pathname).toBe('/console/c/c2024/results/run-new');
    expect(
      screen.getByRole('heading', { name: /Kết quả lần tính 22\/12\/2024 11:00/ }),
    ).toBeTruthy();
  });

  it('a trial sends other settings, never a small-group threshold, and is refused while identical', async () => {
    const server = serve();
    await openAt('/console/c/c2024/results');
    fireEvent.click(screen.getByText('Tính thử với cách tính khác'));
    const submit = screen.getByRole('button', {
      name: 'Chạy tính thử nghiệm',
    }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    expect(screen.getByText(/Đây là cách tính của đợt khảo sát/)).toBeTruthy();
    expect(screen.queryByLabelText(/ngưỡng/i)).toBeNull();

    fireEvent.change(screen.getByLabelText('Thang điểm'), { target: { value: 'LIN4' } });
    fireEvent.click(screen.getByLabelText(/POOLED/));
    fireEvent.click(screen.getByLabelText(/RESCALE/));
    await settle();
    expect(submit.disabled).toBe(false);
    server.on('POST /api/campaigns/c2024/runs', {
      status: 201,
      body: resultsDoc({ runId: 'run-trial', official: false, trial: true }),
    });
    await click('Chạy tính thử nghiệm');
    expect(server.changes().map((c) => [c.path, c.headers['X-CSRF-Token'], c.body])).toEqual([
      [
        '/api/campaigns/c2024/runs',
        CSRF,
        { method: { scaleProfile: 'LIN4', weighting: 'POOLED', emptyCriterion: 'RESCALE' } },
      ],
    ]);
  });

  it("shows the server's refusal in its words", async () => {
    const server = serve();
    server.on(
      'POST /api/campaigns/c2024/runs',
      errorReply(
        409,
        'campaign_open',
        'Đợt khảo sát chưa kết thúc: kết quả chỉ có sau khi đóng đợt.',
      ),
    );
    await openAt('/console/c/c2024/results');
    await click('Chạy tính điểm');
    expect(screen.getByRole('alert').textContent).toContain('Đợt khảo sát chưa kết thúc');
  });
});

describe('locking for publication', () => {
  it('an official, current run locks only after confirming, with the CSRF token', async () => {
    const server = serve();
    await openAt('/console/c/c2024/results');
    const lock = screen.getByRole('button', { name: 'Khóa để công bố' }) as HTMLButtonElement;
    expect(lock.disabled).toBe(false);
    await click('Khóa để công bố');
    expect(dialog().textContent).toContain('không sửa được nữa');
    await click('Hủy', dialog());
    expect(server.changes()).toHaveLength(0);

    server.on('POST /api/campaigns/c2024/runs/run-official/lock', {
      status: 200,
      body: resultsDoc({ locked: true, lockedAt: '2024-12-22T01:00:00.000Z' }),
    });
    server.on('GET /api/campaigns/c2024/runs', {
      status: 200,
      body: runList([runSummary({ locked: true, lockedAt: '2024-12-22T01:00:00.000Z' })]),
    });
    await click('Khóa để công bố');
    await click('Khóa để công bố', dialog());
    expect(server.changes().map((c) => [c.method, c.path, c.headers['X-CSRF-Token']])).toEqual([
      ['POST', '/api/campaigns/c2024/runs/run-official/lock', CSRF],
    ]);
    expect(screen.getByText('Đã khóa lần tính này để công bố.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Khóa để công bố' })).toBeNull();
    expect(
      within(section('Các lần tính điểm')).getByText('Chính thức, đã khóa để công bố'),
    ).toBeTruthy();
  });

  it('a stale official run cannot be locked: run again', async () => {
    serve('analyst', 'closed', [runSummary({ current: false })]);
    await openAt('/console/c/c2024/results');
    const lock = screen.getByRole('button', { name: 'Khóa để công bố' }) as HTMLButtonElement;
    expect(lock.disabled).toBe(true);
    expect(screen.getByText(/Dữ liệu đã thay đổi sau lần tính này/)).toBeTruthy();
  });

  it('a trial has no lock, and says it is not for publication', async () => {
    const trial = { id: 'run-trial', official: false, trial: true };
    serve(
      'analyst',
      'closed',
      [runSummary(trial)],
      [resultsDoc({ runId: 'run-trial', official: false, trial: true })],
    );
    await openAt('/console/c/c2024/results/run-trial');
    expect(screen.queryByRole('button', { name: 'Khóa để công bố' })).toBeNull();
    expect(
      screen.getByText(/Lần tính thử nghiệm \(cách tính khác với đợt khảo sát\)/),
    ).toBeTruthy();
  });

  it('a locked run says when it was locked', async () => {
    const locked = { locked: true, lockedAt: '2024-12-22T01:00:00.000Z' };
    serve(
      'analyst',
      'closed',
      [runSummary({ ...locked, lockedBy: 'tp@honquan.vn' })],
      [resultsDoc(locked)],
    );
    await openAt('/console/c/c2024/results');
    expect(screen.queryByRole('button', { name: 'Khóa để công bố' })).toBeNull();
    expect(
      screen.getByText('Đã khóa để công bố lúc 22/12/2024 08:00 (tp@honquan.vn).'),
    ).toBeTruthy();
  });
});

describe('the results of a run', () => {
  it('shows the district card with its fields as a table', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    const card = section(/^UBND huyện Hớn Quản/);
    const stat = (label: string) =>
      within(card).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(stat('Điểm khảo sát')).toBe('21,35');
    expect(stat('Điểm tối đa')).toBe('30,00');
    expect(stat('Tỷ lệ')).toBe('71,17%');
    const fields = rowsOf(within(card).getByRole('table'));
    expect(fields).toHaveLength(8);
    expect(fields[0]).toEqual([
      'LV1 Công tác chỉ đạo, điều hành cải cách hành chính',
      '2,00',
      '4,00',
      '70,00%',
    ]);
  });

  it('ranks the communes best first; equal scores share a rank; no data is last, unranked', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    const ranking = within(section(/^Xếp hạng theo điểm khảo sát/)).getByRole('table');
    expect(rowsOf(ranking)).toEqual([
      ['1', 'UBND xã Minh Đức', '16,25', '20,00', '81,25%'],
      ['2', 'UBND xã An Phú', '14,50', '20,00', '72,50%'],
      ['2', 'UBND xã Tân Hưng', '14,50', '20,00', '72,50%'],
      ['4', 'UBND thị trấn Tân Khai', '12,00', '20,00', '60,00%'],
      ['—', 'UBND xã Đồng Nơkhông đủ dữ liệu', '0,00', '20,00', '0,00%'],
    ]);
    expect(within(ranking).getByRole('link', { name: 'UBND xã An Phú' }).getAttribute('href')).toBe(
      '/console/c/c2024/results/run-official/unit/X-ANPHU',
    );
  });

  it('a unit in detail: criteria with ratio, valid answers, "Không biết", no data, hidden groups', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    let panel = section('Chi tiết đơn vị');
    // The best-ranked commune first (the district's fields are on its card).
    expect((within(panel).getByLabelText('Đơn vị') as HTMLSelectElement).value).toBe('X-MINHDUC');
    await choose(within(panel).getByLabelText('Đơn vị'), '694');
    panel = section('Chi tiết đơn vị');
    const criteria = within(panel).getByRole('table', { name: /Điểm theo tiêu chí/ });
    const c11 = within(criteria).getByRole('row', { name: /^1\.1 / });
    expect([...c11.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '0,72',
      '1,00',
      '0,72',
      '40',
      '3',
      '',
    ]);
    const c63 = within(criteria).getByRole('row', { name: /^6\.3 / });
    expect(c63.textContent).toContain('không đủ dữ liệu');
    expect(c63.querySelector('[data-label="Không biết"]')?.textContent).toBe('5');

    await open(panel, 'Theo nhóm đối tượng');
    const groups = within(panel).getByRole('table', { name: /theo nhóm đối tượng/ });
    expect(
      within(groups)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Tiêu chí', 'Đại biểu HĐND huyện', 'Lãnh đạo UBND các xã, thị trấn']);
    const hidden = within(groups).getByRole('row', { name: /^1\.1 / });
    expect(hidden.querySelectorAll('td')).toHaveLength(1);
    expect(hidden.textContent).toContain('ẩn (dưới 3 phiếu)');
    expect(within(groups).getByRole('row', { name: /^1\.2 / }).textContent).toContain(
      '5 phiếu · tỷ lệ 0,8',
    );
    // A criterion the groups were not asked about reads "—".
    expect(within(groups).getByRole('row', { name: /^2\.1 / }).textContent).toBe(
      `2.1 ${definition.indexes[0]?.fields[1]?.criteria[0]?.name}——`,
    );
  });

  it('the A–E distribution of each question, hidden ones noted, for the chosen unit', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    await choose(within(section('Chi tiết đơn vị')).getByLabelText('Đơn vị'), '694');
    const panel = section('Chi tiết đơn vị');
    await open(panel, 'Phân bố câu trả lời A–E');
    const dist = within(panel).getByRole('table', { name: /Phân bố câu trả lời A–E/ });
    const rows = rowsOf(dist);
    expect(rows[0]?.[1]).toBe('ẩn (dưới 3 phiếu)');
    expect(rows[1]?.slice(1)).toEqual(['8', '10', '2', '0', '3', '23']);
    expect(rows[1]?.[0]).toMatch(/^P01 · Câu 2/);

    await choose(within(panel).getByLabelText('Đơn vị'), 'X-ANPHU');
    await open(section('Chi tiết đơn vị'), 'Phân bố câu trả lời A–E');
    expect(
      within(section('Chi tiết đơn vị')).getByText('Không có câu hỏi nào về đơn vị này.'),
    ).toBeTruthy();
    expect(
      within(section('Chi tiết đơn vị')).getByRole('link', {
        name: /Mở báo cáo để in: UBND xã An Phú/,
      }),
    ).toBeTruthy();
  });

  it('writes out the method and offers the exports', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    const method = section('Phương pháp tính');
    for (const text of [
      'YB4',
      'Bình quân các nhóm đối tượng (EQUAL_GROUP)',
      'Tính 0 điểm, ghi "không đủ dữ liệu" (ZERO)',
      '3 phiếu',
      'run-official',
      FINGERPRINT,
    ])
      expect(method.textContent).toContain(text);
    const links = within(section('Tải về'))
      .getAllByRole('link')
      .map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      '/api/campaigns/c2024/runs/run-official/export.xlsx',
      '/api/campaigns/c2024/runs/run-official/export.csv',
      '/api/campaigns/c2024/runs/run-official/export.json',
      '/api/campaigns/c2024/raw-answers.xlsx',
      '/api/campaigns/c2024/raw-answers.csv?part=1',
      '/api/campaigns/c2024/raw-answers-codebook.csv',
      '/api/campaigns/c2024/comments.csv',
      '/console/c/c2024/comments',
    ]);
  });
});

describe('the printable report of a unit', () => {
  it('has the unit, its figures, the method and the fingerprint, and a print button', async () => {
    serve();
    await openAt('/console/c/c2024/results/run-official/unit/694');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Báo cáo kết quả khảo sátUBND huyện Hớn Quản',
    );
    expect(screen.queryByRole('navigation', { name: 'Các mục của đợt khảo sát' })).toBeNull();
    expect(screen.getByRole('button', { name: 'In báo cáo' })).toBeTruthy();
    expect(section('Phương pháp tính').textContent).toContain(FINGERPRINT);
    expect(screen.getAllByText(FINGERPRINT).length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText(/Lần tính chính thức chưa khóa/)).toBeTruthy();
    expect(screen.getByRole('table', { name: /Điểm theo tiêu chí/ })).toBeTruthy();
    expect(document.title).toBe('Báo cáo kết quả khảo sát — UBND huyện Hớn Quản');
  });

  it('an unknown unit is said so', async () => {
    serve();
    await openAt('/console/c/c2024/results/run-official/unit/NOPE');
    expect(screen.getByRole('alert').textContent).toBe('Lần tính này không có đơn vị "NOPE".');
  });
});
