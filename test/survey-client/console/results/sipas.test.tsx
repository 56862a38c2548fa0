// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type {
  SipasDays,
  SipasRun,
  SipasRunList,
} from '../../../../contract/console/sipas-analysis';
import '../../../../survey-client/console/results/screens';
import { campaign, click, dialog, fakeServer, openAt, signedIn, useConsoleEnv } from '../helpers';
import { definition } from './fixtures';
import { rowsOf, section } from './serve';

useConsoleEnv();

const days: SipasDays = {
  minCellSize: 5,
  closed: true,
  method: { burst: { minutes: 10, answers: 20 }, fullDay: { over: 10 }, repeats: { share: '0.3' } },
  points: [
    {
      id: 'p1',
      code: 'AB23',
      name: 'Một cửa An Phú',
      unitCode: 'X-ANPHU',
      unitName: 'UBND xã An Phú',
    },
    {
      id: 'p2',
      code: 'CD45',
      name: 'Một cửa Minh Tâm',
      unitCode: 'X-MT',
      unitName: 'UBND xã Minh Tâm',
    },
  ],
  days: [
    {
      pointId: 'p1',
      day: '2026-03-02',
      flags: ['burst', 'full_day'],
      figures: {
        forms: 1234,
        poster: 1234,
        code: 0,
        paper: 0,
        satisfiedPercent: '100.00',
        codePercent: '0.00',
      },
    },
    { pointId: 'p2', day: '2026-03-03', flags: [], figures: null },
    {
      pointId: 'p2',
      day: '2026-03-08',
      flags: ['outside_hours', 'repeats'],
      figures: {
        forms: 6,
        poster: 4,
        code: 0,
        paper: 2,
        satisfiedPercent: '33.33',
        codePercent: '0.00',
      },
    },
  ],
};

const run = (patch: Partial<SipasRun> = {}): SipasRun => ({
  id: 'r1',
  createdAt: '2026-04-01T03:00:00.000Z',
  createdBy: 'u',
  official: false,
  lockedAt: null,
  fingerprint: 'f',
  forms: 10,
  excludedDays: 1,
  current: true,
  method: {
    definitionCode: 'sipas-2026',
    definitionVersion: 1,
    excludeFlagged: true,
    minCellSize: 5,
    excluded: [{ pointId: 'p1', day: '2026-03-02', flags: ['burst'] }],
    text: 'Lần tính thử nghiệm theo bộ câu hỏi sipas-2026 (phiên bản 1), 10 phiếu được tính. Đã bỏ 1 ngày.',
  },
  units: [
    {
      unitCode: 'X-ANPHU',
      unitName: 'UBND xã An Phú',
      withheld: false,
      forms: { poster: null, code: null, paper: null, total: 10 },
      percent: '60.00',
      exact: '3/5',
      aspects: [
        { code: 'TIEP_CAN', name: 'Tiếp cận dịch vụ', weight: '1', percent: '60.00', elements: [] },
      ],
    },
    {
      unitCode: 'X-MINHTAM',
      unitName: 'UBND xã Minh Tâm',
      withheld: true,
      forms: null,
      percent: null,
      exact: null,
      aspects: [],
    },
  ],
  links: [],
  ...patch,
});

function serve(phase: 'open' | 'closed' = 'closed') {
  const list: SipasRunList = { fingerprint: 'f', runs: [run()] };
  return fakeServer({
    ...signedIn('analyst'),
    'GET /api/campaigns': { status: 200, body: [] },
    'GET /api/campaigns/s1': {
      status: 200,
      body: campaign({ id: 's1', kind: 'sipas', name: 'SIPAS 2026', phase }),
    },
    'GET /api/campaigns/s1/sipas/days': {
      status: 200,
      body: { ...days, closed: phase === 'closed' },
    },
    'GET /api/campaigns/s1/sipas/runs': { status: 200, body: list },
    'GET /api/campaigns/s1/sipas/runs/r1': { status: 200, body: run() },
    'POST /api/campaigns/s1/sipas/runs': { status: 201, body: run({ id: 'r2', official: true }) },
    'GET /api/campaigns/s1/sipas/runs/r2': { status: 200, body: run({ id: 'r2', official: true }) },
    'GET /api/sample-size': { status: 200, body: { N: 10000, e: '0.05', n: 385 } },
  });
}

describe('Hài lòng (SIPAS) results', () => {
  it('shows the days with Vietnamese badges, vi-VN numbers and "dưới k phiếu"', async () => {
    serve();
    await openAt('/console/c/s1/results');
    expect(screen.getByRole('heading', { name: 'Hài lòng (SIPAS)' })).toBeTruthy();
    const tabs = within(screen.getByRole('navigation', { name: 'Các mục của đợt khảo sát' }))
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(tabs).toContain('Hài lòng (SIPAS)');
    expect(tabs).not.toContain('Kết quả');
    const table = within(section('Theo điểm thu thập và ngày')).getByRole('table');
    expect(rowsOf(table)).toEqual([
      [
        'Một cửa An PhúUBND xã An Phú',
        'T2 02/03/2026',
        '1.234',
        '100,00%',
        '0,00%',
        '0',
        'Dồn dập100% hài lòng (trực tuyến)',
      ],
      ['Một cửa Minh TâmUBND xã Minh Tâm', 'T3 03/03/2026', 'dưới 5 phiếu', '—'],
      [
        'Một cửa Minh TâmUBND xã Minh Tâm',
        'CN 08/03/2026',
        '6',
        '33,33%',
        '0,00%',
        '2',
        'Ngoài giờ làm việcPhiếu trùng lặp',
      ],
    ]);
  });

  it('says the «100% hài lòng» flag is about online forms, as the share counts paper (qa7)', async () => {
    serve();
    await openAt('/console/c/s1/results');
    const legend = section('Theo điểm thu thập và ngày').querySelector('.sipas-legend');
    expect(legend?.textContent).toContain(
      '100% hài lòng (trực tuyến) Mọi phiếu trực tuyến (áp phích, mã) trong ngày đều hài lòng',
    );
    expect(legend?.textContent).toContain('phiếu giấy không xét');
    expect(legend?.textContent).toContain('(trên 10 phiếu trực tuyến)');
  });

  it('counts calendar days, points with forms and point × day rows apart', async () => {
    const server = serve();
    server.on('GET /api/campaigns/s1/sipas/days', {
      status: 200,
      body: {
        ...days,
        points: [
          ...days.points,
          {
            id: 'p3',
            code: 'EF67',
            name: 'Một cửa Đồng Nơ',
            unitCode: 'X-DN',
            unitName: 'Đồng Nơ',
          },
        ],
        days: [...days.days, { pointId: 'p1', day: '2026-03-03', flags: [], figures: null }],
      },
    });
    await openAt('/console/c/s1/results');
    const lead = section('Theo điểm thu thập và ngày').querySelector('.lead')?.textContent;
    // 4 rows over 3 calendar days (02, 03 and 08/03) at 2 of the 3 points, 2 rows flagged.
    expect(lead).toContain(
      '3 ngày có phiếu, tại 2 trong 3 điểm: 4 dòng (điểm × ngày); 2 dòng có dấu hiệu bất thường.',
    );
  });

  it('keeps a day’s badges in one wrapping box, so a phone card wraps them (qa6)', async () => {
    serve();
    await openAt('/console/c/s1/results');
    const table = within(section('Theo điểm thu thập và ngày')).getByRole('table');
    const cell = within(table).getByText('Ngoài giờ làm việc').closest('td');
    // The phone card is a flex row: loose badges would be flex items that never wrap.
    expect(cell?.children).toHaveLength(1);
    expect(cell?.firstElementChild?.className).toBe('sipas-flags');
    expect(cell?.firstElementChild?.querySelectorAll('.sipas-flag')).toHaveLength(2);
  });

  it('shows the runs and the chosen run’s words and units; makes an official run', async () => {
    const server = serve();
    await openAt('/console/c/s1/results');
    expect(screen.getByText(/Đã bỏ 1 ngày/)).toBeTruthy();
    const units = within(section(/Kết quả lần tính/)).getByRole('table');
    expect(rowsOf(units)[0]).toEqual([
      'UBND xã An Phú',
      '60,00%',
      '60,00%',
      '10',
      'gộp',
      'gộp',
      'gộp',
    ]);
    // Fewer than k forms: no figure, "dưới 5 phiếu" as in the days table.
    expect(rowsOf(units)[1]).toEqual([
      'UBND xã Minh Tâm',
      'dưới 5 phiếu',
      '—',
      'dưới 5 phiếu',
      '—',
      '—',
      '—',
    ]);
    expect(screen.getByText(/không tách theo kênh vì có kênh từ 1 đến dưới 5 phiếu/)).toBeTruthy();
    await click('Tính chính thức (mọi ngày)');
    const made = server.calls.find((c) => c.method === 'POST');
    expect(made?.body).toEqual({});
  });

  it('while open: days without runs', async () => {
    const server = serve('open');
    await openAt('/console/c/s1/results');
    expect(screen.getByText(/Kết quả theo đơn vị được tính sau khi đóng đợt/)).toBeTruthy();
    expect(server.calls.some((c) => c.path.endsWith('/sipas/runs'))).toBe(false);
  });

  it('computes a sample size', async () => {
    const server = serve();
    await openAt('/console/c/s1/results');
    await click('Tính');
    expect(screen.getByRole('status').textContent).toContain('385');
    const call = server.calls.find((c) => c.path === '/api/sample-size');
    expect(call?.query.get('e')).toBe('0.05');
    expect(call?.query.get('N')).toBe('10000');
  });
});

describe('locking an official run that counted flagged days (qa7)', () => {
  const official = (patch: Partial<SipasRun['method']>) =>
    run({ official: true, excludedDays: 0, method: { ...run().method, excluded: [], ...patch } });
  const lockedReply = (r: SipasRun) => ({
    status: 200,
    body: { ...r, lockedAt: '2026-04-02T03:00:00.000Z' },
  });

  it('asks first, saying the flagged days are included; «Hủy» locks nothing', async () => {
    const r = official({
      excludeFlagged: false,
      flaggedIncluded: [
        { pointId: 'p1', day: '2026-03-02', flags: ['burst', 'full_day'] },
        { pointId: 'p2', day: '2026-03-08', flags: ['outside_hours'] },
      ],
    });
    const server = serve();
    server.on('GET /api/campaigns/s1/sipas/runs/r1', { status: 200, body: r });
    server.on('POST /api/campaigns/s1/sipas/runs/r1/lock', lockedReply(r));
    await openAt('/console/c/s1/results');
    await click('Khóa để công bố');
    expect(dialog().textContent).toContain('tính cả 2 ngày có dấu hiệu bất thường');
    await click('Hủy', dialog());
    expect(server.changes()).toHaveLength(0);
    await click('Khóa để công bố');
    await click('Khóa để công bố', dialog());
    expect(server.changes().map((c) => c.path)).toEqual(['/api/campaigns/s1/sipas/runs/r1/lock']);
  });

  it('locks a run without flagged days at once', async () => {
    const r = official({ excludeFlagged: true, flaggedIncluded: [] });
    const server = serve();
    server.on('GET /api/campaigns/s1/sipas/runs/r1', { status: 200, body: r });
    server.on('POST /api/campaigns/s1/sipas/runs/r1/lock', lockedReply(r));
    await openAt('/console/c/s1/results');
    await click('Khóa để công bố');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(server.changes().map((c) => c.path)).toEqual(['/api/campaigns/s1/sipas/runs/r1/lock']);
  });
});

describe('a locked official run into the PAR index', () => {
  it('offers the PAR campaigns and their fields, and posts the link', async () => {
    const locked = run({ official: true, lockedAt: '2026-04-02T03:00:00.000Z' });
    const server = serve();
    server.on('GET /api/campaigns/s1/sipas/runs/r1', { status: 200, body: locked });
    server.on('GET /api/campaigns', {
      status: 200,
      body: [
        campaign({ id: 's1', kind: 'sipas', name: 'SIPAS 2026' }),
        campaign({ id: 'c2024', name: 'Khảo sát CCHC năm 2024' }),
      ],
    });
    server.on('GET /api/campaigns/c2024/definition', {
      status: 200,
      body: { editable: false, definition },
    });
    server.on('POST /api/campaigns/c2024/sipas-link', {
      status: 200,
      body: {
        parCampaignId: 'c2024',
        sipasRunId: 'r1',
        sipasCampaignId: 's1',
        fieldCode: 'LV8',
        maxPoints: '2.5',
        linkedAt: '2026-04-02T04:00:00.000Z',
      },
    });
    await openAt('/console/c/s1/results');
    const form = screen.getByRole('form', { name: 'Đưa vào Chỉ số CCHC' });
    expect(
      within(form)
        .getAllByRole('option')
        .map((o) => o.textContent)[0],
    ).toBe('Khảo sát CCHC năm 2024');
    fireEvent.input(within(form).getByLabelText('Điểm tối đa của lĩnh vực'), {
      target: { value: '2,5' },
    });
    await click('Đưa vào', form);
    const call = server.calls.find((c) => c.method === 'POST');
    expect(call?.path).toBe('/api/campaigns/c2024/sipas-link');
    expect(call?.body).toMatchObject({ runId: 'r1', fieldCode: 'LV8', maxPoints: '2.5' });
    expect(within(form).getByRole('status').textContent).toContain('lĩnh vực LV8');
    // The way to the PAR campaign whose total is to be run again.
    expect(
      within(form)
        .getByRole('link', { name: 'chạy lại lần tính Chỉ số CCHC tổng' })
        .getAttribute('href'),
    ).toBe('/console/c/c2024/results');
  });

  const lockedRun = (patch: Partial<SipasRun> = {}) =>
    run({ official: true, lockedAt: '2026-04-02T03:00:00.000Z', ...patch });
  function serveLocked(locked: SipasRun) {
    const server = serve();
    server.on('GET /api/campaigns/s1/sipas/runs/r1', { status: 200, body: locked });
    server.on('GET /api/campaigns', {
      status: 200,
      body: [
        campaign({ id: 's1', kind: 'sipas', name: 'SIPAS 2026' }),
        campaign({ id: 'c2024', name: 'Khảo sát CCHC năm 2024' }),
      ],
    });
    server.on('GET /api/campaigns/c2024/definition', {
      status: 200,
      body: { editable: false, definition },
    });
    return server;
  }

  it('says beside the field that the maximum is written in digits, and sends nothing', async () => {
    const server = serveLocked(lockedRun());
    await openAt('/console/c/s1/results');
    const form = screen.getByRole('form', { name: 'Đưa vào Chỉ số CCHC' });
    const input = within(form).getByLabelText('Điểm tối đa của lĩnh vực');
    fireEvent.input(input, { target: { value: 'mười' } });
    await click('Đưa vào', form);
    expect(server.changes()).toEqual([]);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const said = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(said?.textContent).toBe('Điểm tối đa là một số viết bằng chữ số, ví dụ 10 hoặc 2,5.');
    fireEvent.input(input, { target: { value: '0' } });
    await click('Đưa vào', form);
    expect(server.changes()).toEqual([]);
    expect(within(form).getByRole('alert').textContent).toBe('Điểm tối đa phải lớn hơn 0.');
  });

  it('shows the field the run already feeds, filled in, and undoes the link', async () => {
    const linked = lockedRun({
      links: [
        {
          parCampaignId: 'c2024',
          parCampaignName: 'Khảo sát CCHC năm 2024',
          fieldCode: 'LV8',
          maxPoints: '2.5',
          linkedAt: '2026-04-02T04:00:00.000Z',
        },
      ],
    });
    const server = serveLocked(linked);
    server.on('DELETE /api/campaigns/c2024/sipas-link/LV8', { status: 204, body: null });
    await openAt('/console/c/s1/results');
    const form = screen.getByRole('form', { name: 'Đưa vào Chỉ số CCHC' });
    const list = within(form).getByRole('list', { name: 'Đang đưa vào Chỉ số CCHC' });
    expect(list.textContent).toContain(
      'Đang đưa vào «Khảo sát CCHC năm 2024»: lĩnh vực LV8, tối đa 2,5 điểm (từ 02/04/2026 11:00).',
    );
    expect(
      (within(form).getByLabelText('Điểm tối đa của lĩnh vực') as HTMLInputElement).value,
    ).toBe('2,5');
    server.on('GET /api/campaigns/s1/sipas/runs/r1', { status: 200, body: lockedRun() });
    await click('Bỏ liên kết lĩnh vực LV8 của Khảo sát CCHC năm 2024', form);
    expect(server.changes().map((c) => `${c.method} ${c.path}`)).toEqual([
      'DELETE /api/campaigns/c2024/sipas-link/LV8',
    ]);
    expect(within(form).getByRole('status').textContent).toContain(
      'Đã bỏ liên kết: lĩnh vực LV8 của «Khảo sát CCHC năm 2024» lại lấy điểm tự đánh giá.',
    );
    expect(within(form).queryByRole('list', { name: 'Đang đưa vào Chỉ số CCHC' })).toBeNull();
  });
});
