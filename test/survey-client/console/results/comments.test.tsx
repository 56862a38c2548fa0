// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
// Loaded ahead, as a browser would have by the time the data comes: the console loads it lazily.
import '../../../../survey-client/console/results/screens';
import type { CommentView } from '../../../../survey-client/console/results/types';
import type { Phase } from '../../../../survey-client/console/types';
import {
  CSRF,
  campaign,
  click,
  errorReply,
  fakeServer,
  openAt,
  settle,
  signedIn,
  useConsoleEnv,
} from '../helpers';
import { comment, definition, resultsDoc, runList, runSummary } from './fixtures';

useConsoleEnv();

const NASTY = `<script>alert("x")</script> Nguyễn "Văn" O'Brien <img src=x onerror=alert(1)>`;

function serve(comments: CommentView[], phase: Phase = 'closed') {
  return fakeServer({
    ...signedIn('analyst'),
    'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase }) },
    'GET /api/campaigns/c2024/comments': { status: 200, body: comments },
  });
}

const item = (text: RegExp) => screen.getByText(text).closest('li') as HTMLElement;

describe('reviewing comments', () => {
  it('lists each comment with its words as written and a box for the version to publish', async () => {
    serve([
      comment(),
      comment({
        id: 'cm2',
        text: 'Cần rút ngắn thời gian giải quyết hồ sơ.',
        redactedText: 'Cần rút ngắn thời gian giải quyết hồ sơ.',
        status: 'cleared',
      }),
      comment({ id: 'cm3', text: 'Chị Lan rất tốt.', redactedText: '', status: 'withheld' }),
    ]);
    await openAt('/console/c/c2024/comments');
    expect(screen.getByText(/3 ý kiến: 1 chưa duyệt, 1 đã duyệt, 1 không công bố/)).toBeTruthy();
    const first = item(/Anh Tuấn ở bộ phận một cửa/);
    expect(first.textContent).toContain('Chưa duyệt');
    // A pending comment starts from the respondent's words, for the analyst to blank names in.
    expect((within(first).getByRole('textbox') as HTMLTextAreaElement).value).toBe(
      'Anh Tuấn ở bộ phận một cửa hay gây khó dễ.',
    );
    expect(item(/Chị Lan rất tốt/).textContent).toContain('Không công bố');
    expect(
      (within(item(/Chị Lan rất tốt/)).getByRole('textbox') as HTMLTextAreaElement).value,
    ).toBe('');
    expect(
      screen.getByRole('link', { name: 'Tải ý kiến đã duyệt (.csv)' }).getAttribute('href'),
    ).toBe('/api/campaigns/c2024/comments.csv');
  });

  it('saves the cleared text with a PUT carrying the CSRF token', async () => {
    const server = serve([comment()]);
    server.on('PUT /api/campaigns/c2024/comments/cm1', {
      status: 200,
      body: { id: 'cm1', status: 'cleared' },
    });
    await openAt('/console/c/c2024/comments');
    const box = screen.getByLabelText(/Bản công bố/);
    fireEvent.input(box, { target: { value: '  [tên] ở bộ phận một cửa hay gây khó dễ. ' } });
    await click('Lưu bản công bố');
    expect(
      server.changes().map((c) => [c.method, c.path, c.headers['X-CSRF-Token'], c.body]),
    ).toEqual([
      [
        'PUT',
        '/api/campaigns/c2024/comments/cm1',
        CSRF,
        { text: '  [tên] ở bộ phận một cửa hay gây khó dễ. ' },
      ],
    ]);
    expect(screen.getByText('Đã lưu bản công bố.')).toBeTruthy();
    expect(item(/Anh Tuấn/).textContent).toContain('Đã duyệt, công bố');
    expect((screen.getByLabelText(/Bản công bố/) as HTMLTextAreaElement).value).toBe(
      '[tên] ở bộ phận một cửa hay gây khó dễ.',
    );
    expect(screen.getByText(/1 ý kiến: 0 chưa duyệt, 1 đã duyệt, 0 không công bố/)).toBeTruthy();
  });

  it('"Không công bố" withholds it: an empty text', async () => {
    const server = serve([comment()]);
    server.on('PUT /api/campaigns/c2024/comments/cm1', {
      status: 200,
      body: { id: 'cm1', status: 'withheld' },
    });
    await openAt('/console/c/c2024/comments');
    await click('Không công bố ý kiến này');
    expect(server.changes().map((c) => c.body)).toEqual([{ text: '' }]);
    expect(screen.getByText('Đã lưu: không công bố ý kiến này.')).toBeTruthy();
    expect(item(/Anh Tuấn/).querySelector('.r-comment-status')?.textContent).toBe('Không công bố');
  });

  it('filters by status', async () => {
    serve([
      comment(),
      comment({ id: 'cm2', text: 'Tốt.', redactedText: 'Tốt.', status: 'cleared' }),
    ]);
    await openAt('/console/c/c2024/comments');
    fireEvent.click(screen.getByRole('button', { name: 'Đã duyệt' }));
    await settle();
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(screen.queryByText(/Anh Tuấn/)).toBeNull();
  });

  it('shows 50 at a time, then 50 more on asking; a filter starts again from 50', async () => {
    serve(
      Array.from({ length: 120 }, (_, i) =>
        comment({ id: `cm${i}`, text: `Ý kiến số ${i + 1}.`, redactedText: null }),
      ),
    );
    await openAt('/console/c/c2024/comments');
    const cards = () => document.querySelectorAll('.r-comments > li').length;
    expect(cards()).toBe(50);
    expect(screen.getByText('Đang hiện 50 trên 120 ý kiến.')).toBeTruthy();
    await click('Xem thêm 50 ý kiến');
    expect(cards()).toBe(100);
    await click('Xem thêm 20 ý kiến');
    expect(cards()).toBe(120);
    expect(screen.queryByText(/^Xem thêm/)).toBeNull();
    expect(screen.getByText('Ý kiến số 120.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Chưa duyệt' }));
    await settle();
    expect(cards()).toBe(50);
  });

  it("shows the server's refusal", async () => {
    const server = serve([comment()]);
    server.on(
      'PUT /api/campaigns/c2024/comments/cm1',
      errorReply(404, 'not_found', 'Không tìm thấy ý kiến này.'),
    );
    await openAt('/console/c/c2024/comments');
    await click('Lưu bản công bố');
    expect(screen.getByRole('alert').textContent).toBe('Không tìm thấy ý kiến này.');
  });

  it('while the campaign is open there is nothing to review, and nothing is asked', async () => {
    const server = serve([comment()], 'open');
    await openAt('/console/c/c2024/comments');
    expect(screen.getByText('Ý kiến góp ý chỉ xem được sau khi đóng đợt khảo sát.')).toBeTruthy();
    expect(server.gets('/api/campaigns/c2024/comments')).toHaveLength(0);
  });
});

describe('nothing typed can break a results page', () => {
  it('comments, unit, group and campaign names with tags and quotes stay text', async () => {
    const long = `UBND xã ${'Rất Dài '.repeat(40)}`.trim();
    const doc = resultsDoc({}, [
      { ...resultsDoc().units[1]!, name: NASTY },
      { ...resultsDoc().units[2]!, name: long },
    ]);
    const server = fakeServer({
      ...signedIn('analyst'),
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'closed', name: NASTY }) },
      'GET /api/campaigns/c2024/comments': {
        status: 200,
        body: [comment({ text: NASTY, groupName: NASTY, questionnaireTitle: NASTY })],
      },
      'GET /api/campaigns/c2024/definition': { status: 200, body: { editable: false, definition } },
      'GET /api/campaigns/c2024/runs': { status: 200, body: runList([runSummary()]) },
      'GET /api/campaigns/c2024/runs/run-official': { status: 200, body: doc },
    });
    server.on('GET /api/campaigns/c2024/runs/run-official/distributions', {
      status: 200,
      body: { runId: 'run-official', minCellSize: 3, rows: [] },
    });
    await openAt('/console/c/c2024/comments');
    expect(screen.getAllByText(NASTY).length).toBeGreaterThanOrEqual(3);
    expect(document.querySelectorAll('main script, main img')).toHaveLength(0);

    document.body.innerHTML = '';
    await openAt('/console/c/c2024/results');
    expect(screen.getAllByRole('link', { name: NASTY }).length).toBeGreaterThan(0);
    expect(screen.getAllByText(long).length).toBeGreaterThan(0);
    expect(document.querySelectorAll('main script, main img')).toHaveLength(0);
    expect(document.body.innerHTML).toContain('&lt;script&gt;');

    document.body.innerHTML = '';
    await openAt(`/console/c/c2024/results/run-official/unit/${encodeURIComponent('X-ANPHU')}`);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain(NASTY);
    expect(document.querySelectorAll('main script, main img')).toHaveLength(0);
  });

  it('a run id or unit code with slashes and quotes in the address is data, not a path', async () => {
    const server = fakeServer({
      ...signedIn('analyst'),
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'closed' }) },
    });
    await openAt(
      `/console/c/c2024/results/${encodeURIComponent('../x"y')}/unit/${encodeURIComponent('a/b')}`,
    );
    expect(server.calls.map((c) => c.url)).toContain('/api/campaigns/c2024/runs/..%2Fx%22y');
    expect(screen.getByRole('alert').textContent).toContain('Không tìm thấy');
  });
});
