// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
// Loaded ahead, as a browser would have by the time the data comes: the console loads it lazily.
import '../../../../survey-client/console/results/screens';
import { CSRF, click, dialog, errorReply, openAt, settle, useConsoleEnv } from '../helpers';
import { communes, definition, distributions, resultsDoc, runList, runSummary } from './fixtures';
import { rowsOf, section, serve, tabs } from './serve';

useConsoleEnv();

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
    settings: { ...definition.method, scaleProfile: 'LIN4', groupWeights: { HDND_HUYEN: '2' } },
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
      [
        '21/12/2024 10:00',
        'Thử nghiệm',
        'Thang LIN4 · bình quân các nhóm (Đại biểu HĐND huyện × 2) · thiếu dữ liệu tính 0',
        '120',
        'Hiện hành',
      ],
      [
        '19/12/2024 08:00',
        'Chính thức',
        'Thang YB4 · bình quân các nhóm · thiếu dữ liệu tính 0',
        '120',
        'Đã thay đổi sau lần tính',
      ],
      [
        '20/12/2024 09:00Đang xem',
        'Chính thức',
        'Thang YB4 · bình quân các nhóm · thiếu dữ liệu tính 0',
        '120',
        'Hiện hành',
      ],
    ]);
    // With no run in the address, the newest official run is shown (not the newer trial).
    expect(
      screen.getByRole('heading', { name: /Kết quả lần tính 20\/12\/2024 09:00/ }),
    ).toBeTruthy();
  });

  it('says a run whose self-assessment or SIPAS fields changed since is no longer current', async () => {
    serve('analyst', 'closed', [runSummary({ selfAssessmentCurrent: false })]);
    await openAt('/console/c/c2024/results');
    const table = within(section('Các lần tính điểm')).getByRole('table');
    expect(rowsOf(table)[0]?.[4]).toBe('Điểm tự đánh giá hoặc SIPAS đã thay đổi sau lần tính');
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

    // The choices in words, no method code (issue #13.11).
    const form = screen.getByText('Tính thử với cách tính khác').closest('details') as HTMLElement;
    expect(form.textContent).not.toMatch(/EQUAL_GROUP|POOLED|ZERO|RESCALE/);
    // Coefficients the Vietnamese way: "0,60", not "0.60".
    expect(within(form).getAllByRole('option')[0]?.textContent).toMatch(
      / — A 1,00, B 0,60, C 0,20, D 0,00$/,
    );
    fireEvent.change(screen.getByLabelText('Thang điểm'), { target: { value: 'LIN4' } });
    fireEvent.click(screen.getByLabelText('Gộp mọi câu trả lời hợp lệ'));
    fireEvent.click(screen.getByLabelText('Bỏ tiêu chí, quy đổi lại theo tổng điểm'));
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

  it('a trial can weigh the groups differently, only when the groups are averaged', async () => {
    const server = serve();
    await openAt('/console/c/c2024/results');
    fireEvent.click(screen.getByText('Tính thử với cách tính khác'));
    const submit = screen.getByRole('button', {
      name: 'Chạy tính thử nghiệm',
    }) as HTMLButtonElement;
    const weight = (name: string) =>
      within(screen.getByRole('group', { name: /^Trọng số các nhóm/ })).getByLabelText(
        new RegExp(`^${name}`),
      ) as HTMLInputElement;
    expect(weight('Đại biểu HĐND huyện').value).toBe('1');
    // "1.0" is the same weight: still the campaign's own method.
    fireEvent.input(weight('Đại biểu HĐND huyện'), { target: { value: '1.0' } });
    await settle();
    expect(submit.disabled).toBe(true);
    fireEvent.input(weight('Đại biểu HĐND huyện'), { target: { value: '0' } });
    await settle();
    expect(submit.disabled).toBe(true);
    expect(weight('Đại biểu HĐND huyện').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Trọng số phải là số lớn hơn 0, ví dụ 2, 0.5 hoặc 2/3.')).toBeTruthy();
    fireEvent.input(weight('Đại biểu HĐND huyện'), { target: { value: ' 2,5 ' } });
    await settle();
    expect(submit.disabled).toBe(false);
    server.on('POST /api/campaigns/c2024/runs', {
      status: 201,
      body: resultsDoc({ runId: 'run-trial', official: false, trial: true }),
    });
    await click('Chạy tính thử nghiệm');
    const sent = server.changes().at(-1)?.body as { method: Record<string, unknown> };
    expect(sent.method).toEqual({
      scaleProfile: 'YB4',
      weighting: 'EQUAL_GROUP',
      emptyCriterion: 'ZERO',
      groupWeights: {
        HDND_HUYEN: '2.5',
        LD_CQCM_HUYEN: '1',
        LD_UBND_XA: '1',
        CC_CQCM_HUYEN: '1',
      },
    });
  });

  it('pooling has no group weights to set', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    fireEvent.click(screen.getByText('Tính thử với cách tính khác'));
    expect(screen.getByRole('group', { name: /^Trọng số các nhóm/ })).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Gộp mọi câu trả lời hợp lệ'));
    await settle();
    expect(screen.queryByRole('group', { name: /^Trọng số các nhóm/ })).toBeNull();
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

  it('a trial that regroups says which units it leaves out, and why', async () => {
    const trial = { id: 'run-trial', official: false, trial: true };
    const rest = communes();
    serve(
      'analyst',
      'closed',
      [runSummary(trial)],
      [
        resultsDoc(
          { runId: 'run-trial', official: false, trial: true, weighting: 'POOLED' },
          rest,
          [{ code: '694', name: 'UBND huyện Hớn Quản', index: 'HUYEN' }],
        ),
      ],
    );
    await openAt('/console/c/c2024/results/run-trial');
    expect(screen.getByRole('note').textContent).toBe(
      'Lần tính thử này gộp nhóm hoặc dùng thang điểm khác với cách tính của đợt, nên không hiện 1 đơn vị có nhóm dưới 3 phiếu (đặt cạnh lần tính chính thức, điểm của đơn vị sẽ lộ ý kiến của nhóm ít người đó): UBND huyện Hớn Quản.',
    );
    expect(screen.queryByRole('region', { name: /^UBND huyện Hớn Quản/ })).toBeNull();
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
