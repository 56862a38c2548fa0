// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { builtInDefinition } from '../../../../questionnaires';
import { formatSerial, newSerial } from '../../../../server/paper/serial';
import {
  CSRF,
  campaign,
  click,
  dialog,
  errorReply,
  fakeServer,
  invitationPage,
  openAt,
  settle,
  signedIn,
  useConsoleEnv,
} from '../helpers';

useConsoleEnv();

const BASE = '/api/campaigns/c2024';
const ENTRIES = `${BASE}/paper/entries`;
const definition = builtInDefinition();
const P03 = definition.questionnaires.find((q) => q.id === 'P03');
const DISTRICT = '694';

interface Sent {
  serial: string;
  answers: { questionnaireId: string; questionId: string; unitCode: string; option: string }[];
  comments?: Record<string, string>;
  demographics?: Record<string, string>;
}

function serve() {
  return fakeServer({
    ...signedIn('officer'),
    'GET /api/campaigns/c2024': { status: 200, body: campaign() },
    'GET /api/campaigns/c2024/invitations': { status: 200, body: invitationPage([]) },
    [`GET ${BASE}/definition`]: { status: 200, body: { editable: false, definition } },
    [`POST ${ENTRIES}`]: (c) => ({
      status: 201,
      body: {
        serial: (c.body as Sent).serial,
        groupCode: 'LD_UBND_XA',
        group: 'Lãnh đạo UBND các xã, thị trấn',
      },
    }),
  });
}

const serialBox = () => screen.getByLabelText('Số phiếu (in ở đầu tờ trả lời)') as HTMLInputElement;
const radios = () =>
  screen
    .getAllByRole('radio')
    .filter((r) => (r as HTMLInputElement).name.includes('|')) as HTMLInputElement[];
const checked = () => radios().filter((r) => r.checked);
const focused = () => document.activeElement as HTMLInputElement;

async function openEntry(sheets = /^Phiếu số 03/) {
  const server = serve();
  await openAt('/console/c/c2024/paper');
  await click('Nhập phiếu giấy');
  fireEvent.click(screen.getByRole('radio', { name: sheets }));
  await settle();
  return server;
}

async function press(key: string) {
  fireEvent.keyDown(focused(), { key });
  await settle();
}

describe('entering a paper form', () => {
  it('offers the sheets by the questionnaires printed on them', async () => {
    await openEntry();
    const sets = within(screen.getByRole('group', { name: /Các tờ phiếu của số phiếu này/ }))
      .getAllByRole('radio')
      .map((r) => r.closest('label')?.textContent);
    expect(sets).toEqual([
      'Phiếu số 01 + Phiếu số 05Đại biểu HĐND huyện',
      'Phiếu số 02 + Phiếu số 05Lãnh đạo cơ quan chuyên môn thuộc UBND huyện',
      'Phiếu số 03Lãnh đạo UBND các xã, thị trấn',
      'Phiếu số 04Công chức các phòng chuyên môn thuộc UBND huyện',
    ]);
    expect(screen.getByRole('heading', { name: P03?.title })).toBeTruthy();
    expect(radios()).toHaveLength((P03?.questions.length ?? 0) * 5);
  });

  it('is typed with letters, row after row, and sent once with the serial, comment and demographics', async () => {
    const server = await openEntry();
    const serial = formatSerial(newSerial());
    fireEvent.input(serialBox(), { target: { value: serial.toLowerCase().replaceAll('-', ' ') } });
    fireEvent.blur(serialBox());
    await settle();
    expect(serialBox().value).toBe(serial);

    radios()[0]?.focus();
    const n = P03?.questions.length ?? 0;
    const keys = ['a', 'B', '3', 'd', 'e'];
    for (let i = 0; i < n; i++) await press(keys[i % 5] ?? 'a');
    expect(checked()).toHaveLength(n);
    expect(screen.getByText(`Đã nhập ${n}/${n} ô`)).toBeTruthy();
    // After the last row, on to the comment.
    expect(focused()).toBe(screen.getByLabelText(/^Ý kiến khác — Phiếu số 03/));
    // ↑ goes back a row without changing it; Delete empties it; a letter ticks it again.
    checked().at(-1)?.focus();
    await press('ArrowUp');
    expect(focused().name).toBe(`P03|q${n - 1}|${DISTRICT}`);
    await press('Delete');
    expect(checked()).toHaveLength(n - 1);
    await press('c');
    expect(focused().name).toBe(`P03|q${n}|${DISTRICT}`);

    fireEvent.input(screen.getByLabelText(/^Ý kiến khác — Phiếu số 03/), {
      target: { value: '  Rút ngắn thời gian giải quyết hồ sơ.  ' },
    });
    fireEvent.change(screen.getByLabelText('Giới tính'), { target: { value: 'Nữ' } });
    await click('Lưu phiếu');

    const [post] = server.changes();
    expect(post?.path).toBe(ENTRIES);
    expect(post?.headers['X-CSRF-Token']).toBe(CSRF);
    const body = post?.body as Sent;
    expect(body.serial).toBe(serial);
    expect(body.answers).toHaveLength(n);
    expect(body.answers.slice(0, 5)).toEqual(
      ['A', 'B', 'C', 'D', 'E'].map((option, i) => ({
        questionnaireId: 'P03',
        questionId: `q${i + 1}`,
        unitCode: DISTRICT,
        option,
      })),
    );
    expect(body.answers.at(-2)?.option).toBe('C');
    expect(body.comments).toEqual({ P03: 'Rút ngắn thời gian giải quyết hồ sơ.' });
    expect(body.demographics).toEqual({ gender: 'Nữ' });

    // Saved: said so, and nothing entered is left on screen.
    expect(screen.getByRole('status').textContent).toContain(
      `Đã lưu phiếu số ${serial} (Lãnh đạo UBND các xã, thị trấn). Đã nhập 1 phiếu`,
    );
    expect(checked()).toHaveLength(0);
    expect(serialBox().value).toBe('');
    expect(focused()).toBe(serialBox());
    expect((screen.getByLabelText(/^Ý kiến khác/) as HTMLTextAreaElement).value).toBe('');
    expect((screen.getByLabelText('Giới tính') as HTMLSelectElement).value).toBe('');
  });

  it('keeps up with a fast typist: every key lands on its own row', async () => {
    await openEntry();
    radios()[0]?.focus();
    // No waiting between keys, as when an officer types a whole sheet in one go.
    for (const key of 'abcdeabcde') fireEvent.keyDown(focused(), { key });
    await settle();
    expect(checked().map((r) => r.value)).toEqual([...'ABCDEABCDE']);
    expect(focused().name).toBe(`P03|q11|${DISTRICT}`);
  });

  it('empty boxes are entered as E only after the officer agrees', async () => {
    const server = await openEntry();
    fireEvent.input(serialBox(), { target: { value: formatSerial(newSerial()) } });
    radios()[0]?.focus();
    await press('a');
    await press('b');
    await click('Lưu phiếu');
    const n = P03?.questions.length ?? 0;
    expect(dialog().textContent).toContain(`Còn ${n - 2} ô chưa nhập`);
    await click('Hủy', dialog());
    expect(server.changes()).toHaveLength(0);
    expect(document.querySelectorAll('.cell-row.blank')).toHaveLength(n - 2);
    expect(focused().name).toBe(`P03|q3|${DISTRICT}`);

    await click('Lưu phiếu');
    await click(`Nhập ${n - 2} ô trống là E và lưu`, dialog());
    const body = server.changes()[0]?.body as Sent;
    expect(body.answers.map((a) => a.option)).toEqual(['A', 'B', ...Array(n - 2).fill('E')]);
    expect(body.comments).toBeUndefined();
    expect(body.demographics).toBeUndefined();
  });

  it('picks the sheets the serial was printed on as soon as it is typed', async () => {
    const server = serve();
    await openAt('/console/c/c2024/paper');
    await click('Nhập phiếu giấy');
    const serial = formatSerial(newSerial());
    server.on(`GET ${BASE}/paper/serials/${serial}`, {
      status: 200,
      body: { serial, groupCode: 'HDND_HUYEN', group: 'Đại biểu HĐND huyện', entered: false },
    });
    fireEvent.input(serialBox(), { target: { value: serial.toLowerCase() } });
    fireEvent.blur(serialBox());
    await settle();
    const set = screen.getByRole('radio', { name: /^Phiếu số 01 \+ Phiếu số 05/ });
    expect((set as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('status').textContent).toBe(
      `Số phiếu ${serial} được in trên các tờ «Phiếu số 01 + Phiếu số 05».`,
    );
    expect(screen.getByRole('heading', { name: /^PHIẾU SỐ 01|^Phiếu số 01/i })).toBeTruthy();
    expect(server.changes()).toHaveLength(0);
  });

  it('Enter after the serial looks it up once and goes to the first box of its sheets', async () => {
    const server = serve();
    await openAt('/console/c/c2024/paper');
    await click('Nhập phiếu giấy');
    const serial = formatSerial(newSerial());
    let asked = 0;
    server.on(`GET ${BASE}/paper/serials/${serial}`, () => {
      asked++;
      return {
        status: 200,
        body: { serial, groupCode: 'LD_UBND_XA', group: 'Lãnh đạo UBND', entered: false },
      };
    });
    serialBox().focus();
    fireEvent.input(serialBox(), { target: { value: serial.replaceAll('-', '') } });
    fireEvent.keyDown(serialBox(), { key: 'Enter' });
    fireEvent.blur(serialBox());
    await settle();
    expect(focused().name).toBe(`P03|q1|${DISTRICT}`);
    expect(asked).toBe(1);
    // A serial already entered keeps the officer on the serial, said why.
    server.on(`GET ${BASE}/paper/serials/${serial}`, {
      status: 200,
      body: { serial, groupCode: 'LD_UBND_XA', group: 'x', entered: true },
    });
    serialBox().focus();
    fireEvent.input(serialBox(), { target: { value: serial } });
    fireEvent.keyDown(serialBox(), { key: 'Enter' });
    await settle();
    expect(focused()).toBe(serialBox());
    expect(screen.getByRole('alert').textContent).toBe(
      'Phiếu có số phiếu này đã được nhập trước đó.',
    );
  });

  it('says at once when the serial was already entered or is not of this campaign', async () => {
    const server = await openEntry();
    const used = formatSerial(newSerial());
    server.on(`GET ${BASE}/paper/serials/${used}`, {
      status: 200,
      body: { serial: used, groupCode: 'LD_UBND_XA', group: 'x', entered: true },
    });
    // As it is typed: no Enter, no leaving the box.
    fireEvent.input(serialBox(), { target: { value: used } });
    await settle();
    expect(screen.getByRole('alert').textContent).toBe(
      'Phiếu có số phiếu này đã được nhập trước đó.',
    );
    const unknown = formatSerial(newSerial());
    server.on(
      `GET ${BASE}/paper/serials/${unknown}`,
      errorReply(404, 'serial_not_found', 'Không tìm thấy số phiếu này trong đợt khảo sát.'),
    );
    fireEvent.input(serialBox(), { target: { value: unknown } });
    fireEvent.blur(serialBox());
    await settle();
    expect(screen.getByRole('alert').textContent).toBe(
      'Không tìm thấy số phiếu này trong đợt khảo sát.',
    );
    expect(server.changes()).toHaveLength(0);
  });

  it('a mistyped serial is caught before anything is sent', async () => {
    const server = await openEntry();
    const s = newSerial();
    const typo = `${s.slice(0, 8)}${s[8] === 'A' ? 'B' : 'A'}`;
    fireEvent.input(serialBox(), { target: { value: typo } });
    await click('Lưu phiếu');
    expect(screen.getByRole('alert').textContent).toContain('Số phiếu không đúng');
    expect(focused()).toBe(serialBox());
    expect(server.changes()).toHaveLength(0);
  });

  it("shows the server's problems next to their questions and keeps what was typed", async () => {
    const server = await openEntry();
    server.on(
      `POST ${ENTRIES}`,
      errorReply(422, 'invalid_answers', 'Phiếu còn 2 chỗ chưa hợp lệ.', [
        {
          questionnaireId: 'P03',
          questionId: 'q2',
          unitCode: DISTRICT,
          message: 'Phương án "B" không có trong thang trả lời của câu hỏi.',
        },
        {
          questionnaireId: '',
          questionId: 'gender',
          message: '"Khác" không phải là lựa chọn của mục Giới tính.',
        },
      ]),
    );
    fireEvent.input(serialBox(), { target: { value: formatSerial(newSerial()) } });
    radios()[0]?.focus();
    for (let i = 0; i < (P03?.questions.length ?? 0); i++) await press('a');
    await click('Lưu phiếu');
    expect(screen.getByText('Phiếu còn 2 chỗ chưa hợp lệ.')).toBeTruthy();
    const q2 = screen.getByRole('radiogroup', {
      name: new RegExp(`^2\\. ${P03?.questions[1]?.text.slice(0, 30)}`),
    });
    expect(q2.closest('.cell-row')?.textContent).toContain(
      'Phương án "B" không có trong thang trả lời',
    );
    expect(q2.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByLabelText(/^Giới tính/).closest('label')?.textContent).toContain(
      '"Khác" không phải là lựa chọn',
    );
    expect(checked()).toHaveLength(P03?.questions.length ?? 0);
  });

  it('a serial already entered is said next to the serial, and nothing is cleared', async () => {
    const server = await openEntry();
    server.on(
      `POST ${ENTRIES}`,
      errorReply(409, 'serial_used', 'Phiếu có số phiếu này đã được nhập trước đó.'),
    );
    fireEvent.input(serialBox(), { target: { value: formatSerial(newSerial()) } });
    radios()[0]?.focus();
    await press('a');
    await click('Lưu phiếu');
    await click(/^Nhập \d+ ô trống là E và lưu$/, dialog());
    expect(screen.getByRole('alert').textContent).toBe(
      'Phiếu có số phiếu này đã được nhập trước đó.',
    );
    expect(checked()).toHaveLength(1);
  });

  it('tells when the serial belongs to other sheets than the ones chosen', async () => {
    const server = await openEntry();
    server.on(
      `POST ${ENTRIES}`,
      errorReply(422, 'invalid_answers', 'Phiếu còn 3 chỗ chưa hợp lệ.', [
        {
          questionnaireId: 'P03',
          questionId: 'q1',
          unitCode: DISTRICT,
          message: 'Phiếu "P03" không dành cho nhóm của Ông/Bà.',
        },
        {
          questionnaireId: 'P04',
          questionId: 'q1',
          unitCode: DISTRICT,
          message: 'Chưa trả lời câu 1.',
        },
      ]),
    );
    fireEvent.input(serialBox(), { target: { value: formatSerial(newSerial()) } });
    radios()[0]?.focus();
    for (let i = 0; i < (P03?.questions.length ?? 0); i++) await press('a');
    await click('Lưu phiếu');
    expect(screen.getByText(/không phải của các tờ «Phiếu số 03»/)).toBeTruthy();
  });

  it('a matrix sheet has a row per commune; the keys go down the communes', async () => {
    const server = await openEntry(/^Phiếu số 01 \+ Phiếu số 05/);
    const p05 = screen.getByRole('region', { name: /^Phiếu số 05/ });
    const communes =
      campaign().units?.filter((u) => u.kind === 'xa' || u.kind === 'thi_tran') ?? [];
    const firstQuestion = within(p05).getAllByRole('group')[0] as HTMLElement;
    const rows = within(firstQuestion).getAllByRole('radiogroup');
    expect(rows).toHaveLength(communes.length);
    expect(rows[0]?.getAttribute('aria-labelledby')).toMatch(/ /);
    within(rows[0] as HTMLElement)
      .getAllByRole('radio')[0]
      ?.focus();
    await press('e');
    await press('a');
    expect(focused().name).toBe(`P05|q1|${communes[2]?.code}`);
    fireEvent.input(serialBox(), { target: { value: formatSerial(newSerial()) } });
    await click('Lưu phiếu');
    await click(/ô trống là E và lưu$/, dialog());
    const body = server.changes()[0]?.body as Sent;
    const p05Answers = body.answers.filter((a) => a.questionnaireId === 'P05');
    expect(p05Answers).toHaveLength(communes.length * 12);
    expect(p05Answers.slice(0, 2)).toEqual([
      { questionnaireId: 'P05', questionId: 'q1', unitCode: communes[0]?.code, option: 'E' },
      { questionnaireId: 'P05', questionId: 'q1', unitCode: communes[1]?.code, option: 'A' },
    ]);
  });
});
