// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { builtInDefinition, type Definition } from '../../../../questionnaires';
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

useConsoleEnv();

const URL = '/api/campaigns/c2024/definition';
const P01 = builtInDefinition().questionnaires[0];

function serve(editable: boolean, role: 'admin' | 'officer' = 'officer') {
  return fakeServer({
    ...signedIn(role),
    'GET /api/campaigns/c2024': {
      status: 200,
      body: campaign({ phase: editable ? 'not_open' : 'open' }),
    },
    [`GET ${URL}`]: { status: 200, body: { editable, definition: builtInDefinition() } },
  });
}

function sent(server: ReturnType<typeof serve>): Definition {
  const body = server.changes()[0]?.body as { definition: Definition } | undefined;
  if (!body) throw new Error('nothing was sent');
  return body.definition;
}

describe('the questionnaires and method, before the campaign opens', () => {
  it('shows questions with criterion and labels, criteria with points and budget, groups', async () => {
    serve(true);
    await openAt('/console/c/c2024/definition');
    expect(screen.getByRole('link', { name: 'Bộ câu hỏi', current: 'page' })).toBeTruthy();
    const p01 = screen.getByText(P01?.title ?? '').closest('details') as HTMLElement;
    expect(within(p01).getByDisplayValue(P01?.questions[0]?.text ?? '')).toBeTruthy();
    expect(p01.textContent).toContain('Tiêu chí 1.1');
    expect(p01.textContent).toContain('A. Rất tốt · B. Tốt · C. Chưa tốt · D. Kém · E. Không biết');
    expect(screen.getAllByText(/Tổng các tiêu chí:/).map((p) => p.textContent)).toEqual([
      'Tổng các tiêu chí: 30,00 — khớp ✓',
      'Tổng các tiêu chí: 20,00 — khớp ✓',
    ]);
    const hdnd = screen
      .getByRole('heading', { name: 'Đại biểu HĐND huyện' })
      .closest('li') as HTMLElement;
    const ticked = within(hdnd)
      .getAllByRole('checkbox')
      .filter((c) => (c as HTMLInputElement).checked)
      .map((c) => c.closest('label')?.textContent?.slice(0, 11));
    expect(ticked).toEqual(['Phiếu số 01', 'Phiếu số 05']);
  });

  it('edits wording, points (with a decimal comma), method and groups, and saves them with PUT', async () => {
    const server = serve(true);
    server.on(`PUT ${URL}`, (c) => ({
      status: 200,
      body: {
        editable: true,
        definition: { ...(c.body as { definition: Definition }).definition, version: 2 },
      },
    }));
    await openAt('/console/c/c2024/definition');
    expect(screen.getByRole('button', { name: 'Lưu bộ câu hỏi' })).toHaveProperty('disabled', true);

    const first = screen.getByLabelText('Phiếu số 01, câu 1');
    fireEvent.input(first, { target: { value: 'Câu hỏi đã sửa?' } });
    fireEvent.input(screen.getAllByLabelText('Điểm tối đa, tiêu chí 1.1')[0] as HTMLElement, {
      target: { value: '1,5' },
    });
    await settle();
    expect(screen.getAllByText(/Tổng các tiêu chí:/)[0]?.textContent).toMatch(
      /chưa khớp với 30,00$/,
    );
    fireEvent.click(screen.getByRole('radio', { name: /^Gộp mọi câu trả lời/ }));
    fireEvent.click(screen.getByRole('radio', { name: /^Bỏ ra và quy đổi/ }));
    fireEvent.change(screen.getByLabelText(/^Thang điểm/), { target: { value: 'LIN4' } });
    fireEvent.input(screen.getByLabelText('Số phiếu tối thiểu để xem theo nhóm'), {
      target: { value: '5' },
    });
    const ldxa = screen
      .getByRole('heading', { name: 'Lãnh đạo UBND các xã, thị trấn' })
      .closest('li') as HTMLElement;
    fireEvent.click(within(ldxa).getByRole('checkbox', { name: /^Phiếu số 05/ }));
    await settle();
    expect(screen.getByText('Có thay đổi chưa lưu')).toBeTruthy();
    await click('Lưu bộ câu hỏi');

    const [put] = server.changes();
    expect(put?.method).toBe('PUT');
    expect(put?.headers['X-CSRF-Token']).toBe(CSRF);
    const d = sent(server);
    expect(d.questionnaires[0]?.questions[0]?.text).toBe('Câu hỏi đã sửa?');
    expect(d.indexes[0]?.fields[0]?.criteria[0]?.maxPoints).toBe('1.5');
    expect(d.method).toEqual({
      scaleProfile: 'LIN4',
      weighting: 'POOLED',
      groupWeights: {},
      emptyCriterion: 'RESCALE',
      minCellSize: 5,
    });
    expect(d.groups.find((g) => g.code === 'LD_UBND_XA')?.questionnaires).toEqual(['P03', 'P05']);
    // Everything else is sent back as it was.
    expect(d.labelSets).toEqual(builtInDefinition().labelSets);
    expect(screen.getByText('Đã lưu thành phiên bản 2.')).toBeTruthy();
    expect(screen.getByText('Không có thay đổi')).toBeTruthy();
  });

  it('lists every problem the server finds, with its place and path, and marks the fields', async () => {
    const server = serve(true);
    server.on(
      `PUT ${URL}`,
      errorReply(422, 'invalid_definition', 'Định nghĩa bộ chỉ số không hợp lệ.', [
        { path: 'questionnaires.0.questions.2.text', message: 'Không được để trống' },
        {
          path: 'indexes.HUYEN.budget',
          message:
            'Tổng điểm tối đa các tiêu chí (29.00) không bằng tổng điểm điều tra của bộ chỉ số (30.00)',
        },
        { path: 'indexes.HUYEN.LV1.1.1', message: 'Tiêu chí "1.1" không có câu hỏi nào khảo sát' },
        {
          path: 'groups.LD_UBND_XA',
          message: 'Nhóm "Lãnh đạo UBND các xã, thị trấn" chưa được giao phiếu nào',
        },
        { path: 'method.minCellSize', message: 'Number must be greater than or equal to 1' },
      ]),
    );
    await openAt('/console/c/c2024/definition');
    fireEvent.input(screen.getByLabelText('Phiếu số 01, câu 3'), { target: { value: '' } });
    await settle();
    await click('Lưu bộ câu hỏi');
    expect(screen.getByRole('alert').textContent).toBe('Định nghĩa bộ chỉ số không hợp lệ.');
    const list = screen.getByText('5 vấn đề cần sửa:').closest('.notice') as HTMLElement;
    const items = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'Phiếu số 01 › Câu 3 › nội dung: Không được để trống questionnaires.0.questions.2.text',
      'Chỉ số CCHC của UBND huyện › Tổng điểm điều tra: Tổng điểm tối đa các tiêu chí (29.00) không bằng tổng điểm điều tra của bộ chỉ số (30.00) indexes.HUYEN.budget',
      'Chỉ số CCHC của UBND huyện › Tiêu chí 1.1: Tiêu chí "1.1" không có câu hỏi nào khảo sát indexes.HUYEN.LV1.1.1',
      'Lãnh đạo UBND các xã, thị trấn: Nhóm "Lãnh đạo UBND các xã, thị trấn" chưa được giao phiếu nào groups.LD_UBND_XA',
      'Cách tính điểm › Số phiếu tối thiểu mỗi nhóm: Number must be greater than or equal to 1 method.minCellSize',
    ]);
    // Next to the fields too.
    const q3 = screen.getByLabelText('Phiếu số 01, câu 3').closest('li') as HTMLElement;
    expect(q3.textContent).toContain('Không được để trống');
    const crit = screen
      .getAllByLabelText('Điểm tối đa, tiêu chí 1.1')[0]
      ?.closest('tr') as HTMLElement;
    expect(crit.textContent).toContain('không có câu hỏi nào khảo sát');
    expect(
      (
        screen
          .getByRole('heading', { name: 'Lãnh đạo UBND các xã, thị trấn' })
          .closest('li') as HTMLElement
      ).textContent,
    ).toContain('chưa được giao phiếu nào');
    // Nothing was lost: the edit is still there to fix.
    expect((screen.getByLabelText('Phiếu số 01, câu 3') as HTMLTextAreaElement).value).toBe('');
  });
});

describe('once the campaign is open', () => {
  it('is read-only, with a note, and nothing can be saved', async () => {
    serve(false, 'admin');
    await openAt('/console/c/c2024/definition');
    expect(screen.getByRole('status').textContent).toContain('đã cố định khi mở đợt khảo sát');
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Lưu bộ câu hỏi' })).toBeNull();
    expect(screen.getByText(P01?.questions[0]?.text ?? '')).toBeTruthy();
    expect(screen.getByText(/Thang điểm:/).closest('p')?.textContent).toBe(
      'Thang điểm: YB4 (mặc định) — A 1,00 · B 0,60 · C 0,20 · D 0,00',
    );
  });
});
