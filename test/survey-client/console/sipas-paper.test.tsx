// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { SipasPaperDesk } from '../../../contract/console/sipas-analysis';
import { checkChar } from '../../../contract/serial';
import { builtInSipasDefinition } from '../../../questionnaires';
import { loadSipasDefinition } from '../../../questionnaires/sipas-load';
import { questionsOf } from '../../../server/sipas/answer-view';
import * as M from '../../../survey-client/console/sipas/paper-model';
import {
  campaign,
  click,
  collectionPoint,
  errorReply,
  fakeServer,
  openAt,
  settle,
  signedIn,
  useConsoleEnv,
} from './helpers';

useConsoleEnv();

// Issue #14.5: SIPAS paper forms in the console — printed with a serial a copy, typed back.
const questions = questionsOf(loadSipasDefinition(builtInSipasDefinition() as never));
const rows = M.paperRows(questions);
const row = (id: string) => rows.find((r) => r.id === id) as M.PaperRow;
const printed = (body: string) => body + checkChar(body);

describe('the SIPAS paper entry model', () => {
  it('numbers the rows as the printed form, each box with the key printed beside it', () => {
    expect(rows).toHaveLength(17 + 6 + 3);
    expect(rows.map((r) => r.no)).toEqual(rows.map((_, i) => i + 1));
    expect(row('TC1')).toMatchObject({ no: 1, kind: 'scale', required: true, noAnswer: 'X' });
    expect(row('TC1').options.map((o) => `${o.key}=${o.code}`)).toEqual([
      '1=1',
      '2=2',
      '3=3',
      '4=4',
      '5=5',
      '0=X',
    ]);
    expect(row('ND1')).toMatchObject({ no: 18, required: false });
    // A yes/no statement is numbered «Có» first, as the online form lists it.
    expect(row('ND1').options.map((o) => `${o.key}=${o.code}`)).toEqual(['1=CO', '2=KHONG', '0=X']);
    expect(row('MONG_DOI')).toMatchObject({ no: 26, kind: 'multiple', max: 3 });
    expect(M.optionForKey(row('TC1'), 'x')).toBe('X');
    expect(M.optionForKey(row('TC1'), '6')).toBeNull();
    expect(M.optionForKey(row('KENH'), '3')).toBe('BUU_CHINH');
  });

  it('ticks one box a row, toggles a multiple choice up to its maximum', () => {
    let s = M.tick(M.initialPaper('p1'), row('TC1'), '5');
    s = M.tick(s, row('TC1'), '4');
    expect(s.answers.TC1).toBe('4');
    const many = row('MONG_DOI');
    for (const code of ['NIEM_YET', 'NOI_CHO', 'THAI_DO']) s = M.tick(s, many, code);
    const full = M.tick(s, many, 'KHAC');
    expect(full.answers.MONG_DOI).toEqual(['NIEM_YET', 'NOI_CHO', 'THAI_DO']);
    expect(full.problems.MONG_DOI).toBe('Chọn tối đa 3 phương án.');
    s = M.tick(full, many, 'NOI_CHO');
    expect([s.answers.MONG_DOI, s.problems.MONG_DOI]).toEqual([['NIEM_YET', 'THAI_DO'], undefined]);
    expect(M.clearRow(s, row('TC1')).answers.TC1).toBeUndefined();
  });

  it("says a multiple choice's maximum once: not again when its text says it", () => {
    expect(row('MONG_DOI').text).toContain('(chọn tối đa 3)');
    expect(M.multipleHint(row('MONG_DOI'))).toBe('');
    const plain = { ...row('MONG_DOI'), text: 'Ông/Bà mong cơ quan cải thiện điều gì nhất?' };
    expect(M.multipleHint(plain)).toBe('(chọn nhiều, tối đa 3)');
    expect(M.multipleHint({ ...plain, max: undefined })).toBe('(chọn nhiều)');
    expect(M.multipleHint(row('TC1'))).toBe('');
  });

  it('checks a printed serial by its check character and takes the office own numbers', () => {
    const good = printed('K7QM4X2P');
    expect(M.checkTypedSerial(good.toLowerCase())).toEqual({
      ok: true,
      serial: `K7QM-4X2P-${good[8]}`,
    });
    const typo = `${good.slice(0, 3)}${good[3] === 'M' ? 'N' : 'M'}${good.slice(4)}`;
    expect(M.checkTypedSerial(typo)).toMatchObject({ ok: false });
    expect((M.checkTypedSerial(typo) as { message: string }).message).toContain('gõ nhầm');
    expect(M.checkTypedSerial(' hq-0001 ')).toEqual({ ok: true, serial: 'HQ-0001' });
    expect(M.checkTypedSerial('Số 1')).toMatchObject({ ok: false });
    expect(M.checkTypedSerial('')).toMatchObject({ ok: false });
  });

  it('sends blank satisfaction rows as «Không trả lời», never blank optional ones', () => {
    let s = M.tick(M.initialPaper('p1'), row('TC2'), '5');
    s = M.tick(s, row('KENH'), 'TRUC_TIEP');
    s = { ...s, comment: '  Tốt  ' };
    const body = M.entryBody(s, rows, 'HQ-0001');
    expect(body.pointId).toBe('p1');
    expect(body.comment).toBe('Tốt');
    expect(Object.keys(body.answers)).toHaveLength(17 + 1);
    expect(body.answers).toMatchObject({ TC1: 'X', TC2: '5', KENH: 'TRUC_TIEP' });
    expect(body.answers.ND1).toBeUndefined();
    expect(M.blankRequired(s, rows)).toHaveLength(16);
  });

  it('says a refusal where it belongs, and clears all but the point after a save', () => {
    const s = M.tick(M.initialPaper('p1'), row('TC1'), '5');
    const used = M.saveFailed(s, null, {
      code: 'serial_used',
      message: 'Phiếu số X đã được nhập.',
    });
    expect(used.serialProblem).toBe('Phiếu số X đã được nhập.');
    expect(M.focusAfterFailure(used, rows)).toEqual({ to: 'serial' });
    const bad = M.saveFailed(s, 'e', {
      code: 'invalid_answers',
      message: '…',
      details: [{ questionId: 'CC1', message: 'Chưa trả lời.' }],
    });
    expect(bad.problems).toEqual({ CC1: 'Chưa trả lời.' });
    expect(M.focusAfterFailure(bad, rows)).toEqual({ to: 'row', i: 7 });
    const closed = M.saveFailed(s, 'e', { code: 'campaign_not_open', message: '…' });
    expect([closed.error, closed.serialProblem]).toEqual(['e', '']);
    const cleared = M.clearAnswers({ ...bad, serial: 'HQ-0001', comment: 'x', entered: 2 });
    expect(cleared).toMatchObject({ serial: 'HQ-0001', pointId: 'p1', entered: 2, answers: {} });
    expect([cleared.comment, cleared.problems, cleared.error]).toEqual(['', {}, null]);
    const next = M.saved({ ...s, entered: 2 }, 'HQ-0001');
    expect(next).toMatchObject({ pointId: 'p1', entered: 3, answers: {}, serial: '' });
  });

  it('says the pages before printing', () => {
    expect(M.printPlan('20', 2, 300)).toMatchObject({ ok: true, copies: 20, pages: 40 });
    expect(M.printPlan('20', 2, 300).message).toContain('40 trang A4 (in hai mặt: 20 tờ giấy)');
    expect(M.printPlan('1.000', 2, 300).message).toContain('Số bản in là số nguyên từ 1 đến 300.');
    for (const bad of ['0', '301', 'abc', '']) expect(M.printPlan(bad, 2, 300).ok).toBe(false);
  });
});

const sipas = campaign({
  id: 'hl2026',
  name: 'Khảo sát sự hài lòng 2026',
  kind: 'sipas',
  phase: 'open',
  groups: undefined,
});
const point = collectionPoint();
const desk: SipasPaperDesk = {
  questions,
  pagesPerForm: 2,
  maxCopies: 300,
  entered: 4,
  waiting: 16,
  locked: false,
};

function serve() {
  return fakeServer({
    ...signedIn('officer'),
    'GET /api/campaigns/hl2026': { status: 200, body: sipas },
    'GET /api/campaigns/hl2026/points': { status: 200, body: [point] },
    'GET /api/campaigns/hl2026/sipas/paper': { status: 200, body: desk },
  });
}

describe('«Phiếu giấy» of a SIPAS campaign', () => {
  it('says the copies and pages before opening the print page', async () => {
    serve();
    await openAt('/console/c/hl2026/paper');
    expect(screen.getByRole('heading', { name: 'In phiếu giấy' })).toBeTruthy();
    expect(document.body.textContent).toContain(
      'Đã nhập 4 phiếu giấy trong đợt khảo sát; 16 phiếu đã in chưa nhập.',
    );
    fireEvent.input(screen.getByLabelText('Số bản in'), { target: { value: '35' } });
    fireEvent.change(screen.getByLabelText(/Điểm thu thập in sẵn/), { target: { value: 'p1' } });
    await settle();
    expect(document.body.textContent).toContain('Sẽ in 35 phiếu × 2 trang = 70 trang A4');
    const link = screen.getByRole('link', { name: 'Mở trang in (35 bản, 70 trang)' });
    expect(link.getAttribute('href')).toBe(
      '/api/campaigns/hl2026/sipas/paper/print?copies=35&point=p1',
    );
    fireEvent.input(screen.getByLabelText('Số bản in'), { target: { value: '500' } });
    await settle();
    expect(screen.queryByRole('link', { name: /Mở trang in/ })).toBeNull();
  });

  it('types a form from the keyboard, saves it with Ctrl+Enter, says a used serial beside it', async () => {
    const server = serve();
    let reply = { status: 201, body: { serial: 'HQ0001', pointId: 'p1' } } as {
      status: number;
      body: unknown;
    };
    server.on('POST /api/campaigns/hl2026/sipas/paper', () => reply);
    await openAt('/console/c/hl2026/paper');
    await click('Nhập phiếu giấy');
    const form = screen.getByRole('form', { name: 'Nhập phiếu giấy' });
    const serial = within(form).getByLabelText('Số phiếu (in ở góc trên phiếu)');
    fireEvent.input(serial, { target: { value: 'hq-0001' } });
    fireEvent.keyDown(serial, { key: 'Enter' });
    await settle();
    // The only point is chosen already: Enter went to the first box.
    const first = document.activeElement as HTMLInputElement;
    expect([first.name, first.value]).toEqual(['sipas-TC1', '1']);
    for (const key of ['5', '4', 'x']) {
      fireEvent.keyDown(document.activeElement as Element, { key });
      await settle();
    }
    expect((document.activeElement as HTMLInputElement).name).toBe('sipas-TT1');
    fireEvent.keyDown(document.activeElement as Element, { key: 'Enter', ctrlKey: true });
    await settle();
    const sent = server.changes()[0]?.body as {
      serial: string;
      pointId: string;
      answers: Record<string, unknown>;
    };
    expect(sent.serial).toBe('HQ-0001');
    expect(sent.pointId).toBe('p1');
    expect(sent.answers).toMatchObject({ TC1: '5', TC2: '4', TC3: 'X', TT1: 'X' });
    expect(form.textContent).toContain(
      'Đã lưu phiếu số HQ-0001. Đã nhập 1 phiếu trong lần làm việc này.',
    );
    expect((serial as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(serial);
    expect(form.textContent?.match(/tối đa 3/g)).toHaveLength(1);

    reply = errorReply(409, 'serial_used', 'Phiếu số HQ-0001 đã được nhập.');
    fireEvent.input(serial, { target: { value: 'HQ-0001' } });
    fireEvent.keyDown(serial, { key: 'Enter', ctrlKey: true });
    await settle();
    expect(within(form).getByRole('alert').textContent).toBe('Phiếu số HQ-0001 đã được nhập.');
    expect(serial.getAttribute('aria-invalid')).toBe('true');
    expect(form.textContent).not.toContain('Đã lưu phiếu');
  });

  it('asks the point first and keeps it, so Enter after the serial lands on question 1', async () => {
    const server = fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns/hl2026': { status: 200, body: sipas },
      'GET /api/campaigns/hl2026/points': {
        status: 200,
        body: [
          point,
          { ...point, id: 'p2', code: 'M3RT8V', name: 'Bộ phận Một cửa phường An Lộc' },
        ],
      },
      'GET /api/campaigns/hl2026/sipas/paper': { status: 200, body: desk },
    });
    server.on('POST /api/campaigns/hl2026/sipas/paper', () => ({
      status: 201,
      body: { serial: 'HQ0001', pointId: 'p2' },
    }));
    await openAt('/console/c/hl2026/paper');
    await click('Nhập phiếu giấy');
    const form = screen.getByRole('form', { name: 'Nhập phiếu giấy' });
    const pointField = within(form).getByLabelText(/Điểm thu thập/) as HTMLSelectElement;
    const serial = within(form).getByLabelText('Số phiếu (in ở góc trên phiếu)');
    // The point comes before the serial on the screen and for Tab.
    expect(
      pointField.compareDocumentPosition(serial) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    fireEvent.change(pointField, { target: { value: 'p2' } });
    fireEvent.keyDown(pointField, { key: 'Enter' });
    await settle();
    expect(document.activeElement).toBe(serial);
    for (const [i, typed] of ['hq-0001', 'hq-0002'].entries()) {
      fireEvent.input(serial, { target: { value: typed } });
      fireEvent.keyDown(serial, { key: 'Enter' });
      await settle();
      const first = document.activeElement as HTMLInputElement;
      expect([first.name, first.value]).toEqual(['sipas-TC1', '1']);
      fireEvent.keyDown(first, { key: '5' });
      fireEvent.keyDown(document.activeElement as Element, { key: 'Enter', ctrlKey: true });
      await settle();
      expect(server.changes()[i]?.body).toMatchObject({ pointId: 'p2' });
      expect(pointField.value).toBe('p2');
    }
  });

  it('says the results are locked instead of showing a form that cannot be saved', async () => {
    fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns/hl2026': { status: 200, body: sipas },
      'GET /api/campaigns/hl2026/points': { status: 200, body: [point] },
      'GET /api/campaigns/hl2026/sipas/paper': { status: 200, body: { ...desk, locked: true } },
    });
    await openAt('/console/c/hl2026/paper');
    await click('Nhập phiếu giấy');
    expect(screen.queryByRole('form', { name: 'Nhập phiếu giấy' })).toBeNull();
    expect(document.body.textContent).toContain(
      'Kết quả SIPAS của đợt đã được khóa để công bố: không nhập thêm phiếu giấy.',
    );
  });

  it('says a serial already entered as soon as Enter is pressed, before any box is typed (qa8)', async () => {
    const server = serve();
    const good = printed('K7QM4X2P');
    server.on(`GET /api/campaigns/hl2026/sipas/paper/serials/K7QM-4X2P-${good[8]}`, {
      status: 200,
      body: { serial: `K7QM-4X2P-${good[8]}`, entered: true },
    });
    await openAt('/console/c/hl2026/paper');
    await click('Nhập phiếu giấy');
    const form = screen.getByRole('form', { name: 'Nhập phiếu giấy' });
    const serial = within(form).getByLabelText('Số phiếu (in ở góc trên phiếu)');
    fireEvent.input(serial, { target: { value: good.toLowerCase() } });
    fireEvent.keyDown(serial, { key: 'Enter' });
    await settle();
    expect(within(form).getByRole('alert').textContent).toBe(
      `Phiếu số K7QM-4X2P-${good[8]} đã được nhập.`,
    );
    expect(serial.getAttribute('aria-invalid')).toBe('true');
    // The focus stays on the serial; nothing was sent.
    expect(document.activeElement).toBe(serial);
    expect(server.changes()).toEqual([]);
  });

  it('refuses a printed serial with a typo before sending anything', async () => {
    const server = serve();
    await openAt('/console/c/hl2026/paper');
    await click('Nhập phiếu giấy');
    const good = printed('K7QM4X2P');
    const typo = `${good.slice(0, 8)}${good[8] === '2' ? '3' : '2'}`;
    const serial = screen.getByLabelText('Số phiếu (in ở góc trên phiếu)');
    fireEvent.input(serial, { target: { value: typo } });
    fireEvent.keyDown(serial, { key: 'Enter', ctrlKey: true });
    await settle();
    expect(screen.getByRole('alert').textContent).toContain('gõ nhầm hoặc đảo chỗ');
    expect(server.changes()).toEqual([]);
  });
});
