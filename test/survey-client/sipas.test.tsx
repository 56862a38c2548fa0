// @vitest-environment happy-dom
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { satisfiedOptions } from '../../analysis/sipas';
import type { SipasFirstScreen, SipasView } from '../../contract/sipas-view';
import { builtInSipasDefinition } from '../../questionnaires';
import { welcomeHtml } from '../../server/sipas/answer-page';
import { App, refusalOf } from '../../survey-client/sipas/app';
import { bodyOf, missingOn, screensOf, toggle } from '../../survey-client/sipas/model';
import { ChoiceQuestion, ScaleQuestion } from '../../survey-client/sipas/questions';
import { sendAnswer } from '../../survey-client/sipas/send';
import { Welcome } from '../../survey-client/sipas/welcome';

afterEach(cleanup);

const def = builtInSipasDefinition();
const view = {
  campaign: { name: 'SIPAS 2026' },
  point: { code: 'AAA222', name: 'Một cửa', unitName: 'UBND xã', serviceArea: null },
  title: def.name,
  scales: def.scales,
  aspects: def.aspects,
  perceptions: def.perceptions,
  choices: def.choices,
  comment: def.comment,
  challenge: 'c',
} as SipasView;

describe('the SIPAS form model', () => {
  it('has a screen per aspect, one for the choices and one for the comment', () => {
    expect(screensOf(view).map((s) => s.k)).toEqual([
      'aspect',
      'aspect',
      'aspect',
      'aspect',
      'aspect',
      'choices',
      'comment',
    ]);
  });

  it('asks every satisfaction question of a screen; «Không trả lời» counts as an answer', () => {
    const first = { k: 'aspect', index: 0 } as const;
    expect(missingOn(view, first, {})).toEqual(['TC1', 'TC2', 'TC3']);
    expect(missingOn(view, first, { TC1: '5', TC2: 'X' })).toEqual(['TC3']);
    expect(missingOn(view, { k: 'choices' }, {})).toEqual([]);
  });

  it('never picks more than max, and leaves empty choices and a blank comment out', () => {
    expect(toggle(['A', 'B', 'C'], 'D', 3)).toEqual(['A', 'B', 'C']);
    expect(toggle(['A', 'B'], 'A', 3)).toEqual(['B']);
    expect(bodyOf('id', { TC1: '5', MONG_DOI: [] }, '  ', undefined, undefined)).toEqual({
      submissionId: 'id',
      answers: { TC1: '5' },
    });
  });
});

describe('the welcome', () => {
  const first: SipasFirstScreen = {
    campaign: { name: 'Khảo sát <2026> & SIPAS' },
    point: {
      code: 'AAA222',
      name: 'Bộ phận Một cửa',
      unitName: 'UBND xã Tân Hưng',
      serviceArea: null,
    },
    minutes: 4,
  };
  it.each([
    ['a poster', first],
    ['a code', { ...first, code: 'ABCD-EFGH' }],
    [
      'a used code',
      {
        ...first,
        code: 'ABCD-EFGH',
        refusal: { code: 'code_used', message: 'Mã này đã được dùng.' },
      },
    ],
  ])('the server draws exactly what the form renders (%s)', (_, screen) => {
    const { container } = render(<Welcome first={screen} />);
    expect(welcomeHtml(screen)).toBe(container.innerHTML);
  });
});

describe('sending', () => {
  it('renews a stale proof once, retries a lost connection with the same body, stops at a refusal', async () => {
    const sent: unknown[] = [];
    const replies = [
      { status: 400, body: { error: { code: 'proof_expired', message: '' } } },
      { status: 503, body: { error: { code: 'busy', message: '' } } },
      { status: 201, body: { receipt: 'K7Q4-MX2P-R9TA' } },
    ];
    globalThis.fetch = (async (_: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)));
      const r = replies.shift() ?? { status: 500, body: {} };
      return new Response(JSON.stringify(r.body), { status: r.status });
    }) as typeof fetch;
    const proofs: boolean[] = [];
    const reply = await sendAnswer(
      'AAA222',
      { submissionId: 'sub-1234567890abcdef', answers: { TC1: '5' } },
      async (fresh) => {
        proofs.push(fresh);
        return { challenge: fresh ? 'new' : 'old', nonce: '1' };
      },
      () => undefined,
      async () => undefined,
    );
    expect(reply).toEqual({ status: 201, data: { receipt: 'K7Q4-MX2P-R9TA' } });
    expect(proofs).toEqual([false, true]);
    expect(sent.map((b) => (b as { proof: { challenge: string } }).proof.challenge)).toEqual([
      'old',
      'new',
      'new',
    ]);
    expect(new Set(sent.map((b) => (b as { submissionId: string }).submissionId)).size).toBe(1);
  });
});

describe('what the citizen reads (QA6)', () => {
  it('says the limit of a multiple choice once: «(chọn tối đa 3)»', () => {
    const expectations = def.choices.find((c) => c.multiple && c.max === 3);
    if (!expectations) throw new Error('the 2026 definition has a «chọn tối đa 3» question');
    const { container } = render(
      <ChoiceQuestion choice={expectations} answers={{}} onChange={() => undefined} />,
    );
    const legend = container.querySelector('legend')?.textContent ?? '';
    expect(legend.match(/chọn tối đa 3/g)).toHaveLength(1);
    expect(legend).toMatch(/\?\s\(chọn tối đa 3\)$/);
  });

  it('lists a yes/no statement «Có» first, while scoring still reads the definition’s order', () => {
    const perception = def.perceptions[0];
    const scale = def.scales.find((s) => s.code === perception?.scale);
    if (!perception || !scale) throw new Error('the 2026 definition has yes/no statements');
    const picked: string[] = [];
    const { container } = render(
      <ScaleQuestion
        id={perception.id}
        text={perception.text}
        scale={scale}
        value={undefined}
        missing={false}
        onPick={(o) => picked.push(o)}
      />,
    );
    const labels = [...container.querySelectorAll('label.tile')];
    expect(labels.map((l) => l.textContent)).toEqual(['Có', 'Không', 'Không trả lời']);
    container.querySelector<HTMLInputElement>('label.tile input')?.click();
    expect(picked).toEqual(['CO']);
    // «Có» is the satisfied level of the yes/no scale (analysis/sipas.ts), as before.
    expect([...satisfiedOptions(scale)]).toEqual(['CO']);
  });

  const screen: SipasFirstScreen = {
    campaign: { name: 'SIPAS 2026' },
    point: { code: 'AAA222', name: 'Bộ phận Một cửa', unitName: 'UBND xã', serviceArea: null },
    code: 'ABCD-EFGH',
    minutes: 4,
  };
  it.each([
    ['a used code', 'code_used', 'Cảm ơn Ông/Bà!', 'Mã này đã được dùng để góp ý.'],
    ['a closed campaign', 'closed', 'Đợt lấy ý kiến đã kết thúc', 'Cảm ơn Ông/Bà đã quan tâm.'],
    ['a campaign not open yet', 'not_open', 'Đợt lấy ý kiến chưa bắt đầu', 'quay lại sau'],
  ])(
    'shows only the refusal, kindly, for %s (the page and the form alike)',
    (_, code, title, text) => {
      const refused = {
        ...screen,
        refusal: { code, message: 'Thông báo của máy chủ. Cảm ơn Ông/Bà!' },
      };
      const { container } = render(<Welcome first={refused} />);
      expect(welcomeHtml(refused)).toBe(container.innerHTML);
      const main = container.textContent ?? '';
      expect(container.querySelector('h1')?.textContent).toBe(title);
      expect(main).toContain(text);
      expect(main).not.toContain('Phiếu gồm các câu hỏi ngắn');
      expect(main).not.toContain('Phiếu không ghi họ tên');
      expect(container.querySelector('button')).toBeNull();
      expect(main.match(/Cảm ơn Ông\/Bà/g)?.length ?? 0).toBeLessThanOrEqual(1);
    },
  );

  it('thanks a browser that already answered today once, not twice', async () => {
    globalThis.fetch = (async () =>
      new Response(
        JSON.stringify({
          ...view,
          refusal: {
            code: 'device_limit',
            message: 'Ông/Bà đã góp ý cho điểm này hôm nay. Cảm ơn Ông/Bà!',
          },
        }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      )) as typeof fetch;
    const { container } = render(
      <App first={{ ...screen, code: undefined } as SipasFirstScreen} />,
    );
    await waitFor(() =>
      expect(container.textContent).toContain('Ông/Bà đã góp ý cho điểm này hôm nay.'),
    );
    expect(container.querySelector('h1')?.textContent).toBe('Cảm ơn Ông/Bà!');
    expect(container.textContent?.match(/Cảm ơn Ông\/Bà/g)).toHaveLength(1);
    // Where: the welcome's own line, as on a refusal the server drew; nothing to start.
    expect(container.querySelector('.kicker')?.textContent).toBe('UBND xã · Bộ phận Một cửa');
    expect(container.querySelector('button')).toBeNull();
  });
});

/** A poster's page whose server serves the form's view: the form, rendered; `start` taps «Bắt đầu». */
function renderForm() {
  globalThis.fetch = (async () =>
    new Response(JSON.stringify(view), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    })) as typeof fetch;
  const first: SipasFirstScreen = {
    campaign: { name: 'SIPAS 2026' },
    point: view.point,
    minutes: 4,
  };
  const { container } = render(<App first={first} />);
  const start = async () => {
    const button = await waitFor(() => {
      const b = container.querySelector('button');
      if (!b) throw new Error('no «Bắt đầu» yet');
      return b;
    });
    button.click();
  };
  return { container, start };
}

/**
 * A reload of a form this tab kept (its answers, its submissionId `form`) while at part `step`:
 * the history entry keeps its state; the form, rendered.
 */
function resumeForm(form: string, step: number, answers: Record<string, string> = {}) {
  sessionStorage.setItem(
    'cchc:sipas:AAA222:',
    JSON.stringify({ answers, comment: '', submissionId: form }),
  );
  history.replaceState({ sipas: step, form }, '');
  return renderForm();
}

/** The form's server from now on: the view (a proof any nonce solves), `body` to the submit. */
function submitAnswers(status: number, body: unknown) {
  const json = (code: number, data: unknown) =>
    new Response(JSON.stringify(data), {
      status: code,
      headers: { 'Content-Type': 'application/json' },
    });
  globalThis.fetch = (async (_url: RequestInfo | URL, init?: RequestInit) =>
    init?.method === 'POST'
      ? json(status, body)
      : json(200, { ...view, challenge: 'v1.x.y.0' })) as typeof fetch;
}

describe('keeping the answers on the tab', () => {
  /** Lets the microtasks of a tap run (Preact renders there), but no frame and no timer. */
  const microtasks = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('keeps a tapped answer before the next frame: a reload right after the tap finds it', async () => {
    sessionStorage.clear();
    const { container, start } = renderForm();
    await start();
    await waitFor(() => expect(container.querySelector('main fieldset')).not.toBeNull());
    const kept = () => JSON.parse(sessionStorage.getItem('cchc:sipas:AAA222:') ?? '{}');
    const tile = container.querySelector<HTMLInputElement>('main fieldset label.tile input');
    if (!tile) throw new Error('no tile');
    // A plain click, outside testing-library's act(): effects wait for a frame, as in a browser.
    tile.click();
    await microtasks();
    expect(Object.keys(kept().answers ?? {})).toHaveLength(1);
  });
});

describe('the phone’s back button and a reload', () => {
  const title = (c: Element) => c.querySelector('h1')?.textContent;
  const aspect = (i: number) => def.aspects[i]?.name;

  it('goes back to the part before (not out of the form), and to the welcome from the first', async () => {
    sessionStorage.clear();
    history.replaceState(null, '');
    const { container, start } = renderForm();
    await start();
    await waitFor(() => expect(title(container)).toBe(aspect(0)));
    const form = (history.state as { form: string }).form;
    expect(history.state).toEqual({ sipas: 0, form: expect.any(String) });
    for (const group of container.querySelectorAll('main fieldset'))
      group.querySelector<HTMLInputElement>('label.tile input')?.click();
    await waitFor(() =>
      expect(container.querySelectorAll('main input:checked').length).toBe(
        container.querySelectorAll('main fieldset').length,
      ),
    );
    (container.querySelector('button.primary') as HTMLButtonElement).click();
    await waitFor(() => expect(title(container)).toBe(aspect(1)));
    expect(history.state).toEqual({ sipas: 1, form });
    // The phone's back: the browser pops to the entry before and says so.
    dispatchEvent(new PopStateEvent('popstate', { state: { sipas: 0, form } }));
    await waitFor(() => expect(title(container)).toBe(aspect(0)));
    // The answers of that part are still ticked.
    expect(container.querySelectorAll('main input:checked').length).toBe(
      container.querySelectorAll('main fieldset').length,
    );
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
    await waitFor(() => expect(container.querySelector('button')?.textContent).toBe('Bắt đầu'));
  });

  it('comes back to the part it was on after a reload, with its answers', async () => {
    sessionStorage.clear();
    const { container } = resumeForm('sid-1', 2, { TC1: '5' });
    await waitFor(() => expect(title(container)).toBe(aspect(2)));
    history.replaceState(null, '');
  });

  it('after sending, a reload shows the welcome of a new form, not the last part again', async () => {
    // A point that takes several answers a day from one browser (daily limit 0): the next
    // citizen reloads the thank-you page, and starts at the welcome.
    const last = screensOf(view).length - 1;
    const { container } = resumeForm('sid-sent', last);
    submitAnswers(201, { receipt: 'R-1' });
    await waitFor(() => expect(title(container)).toBe('Ý kiến khác'));
    (container.querySelector('button.primary') as HTMLButtonElement).click();
    await waitFor(() => expect(title(container)).toBe('Cảm ơn Ông/Bà đã góp ý!'));
    cleanup(); // the reload
    const again = renderForm();
    await waitFor(() =>
      expect(again.container.querySelector('button')?.textContent).toBe('Bắt đầu'),
    );
    await new Promise((ok) => setTimeout(ok, 50)); // the view has come: no part is resumed
    expect(again.container.querySelector('button')?.textContent).toBe('Bắt đầu');
    expect(title(again.container)).not.toBe('Ý kiến khác');
    // The phone's back button then: the entries of the form sent lead to no empty part (qa9),
    // and the button goes on past them (one press each made nothing change on screen, qa9b).
    const back = vi.spyOn(history, 'back').mockImplementation(() => undefined);
    dispatchEvent(new PopStateEvent('popstate', { state: { sipas: last - 1, form: 'sid-sent' } }));
    expect(back).toHaveBeenCalledTimes(1);
    dispatchEvent(new PopStateEvent('popstate', { state: { sipas: 0, form: 'sid-sent' } }));
    expect(back).toHaveBeenCalledTimes(2);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
    expect(back).toHaveBeenCalledTimes(2);
    back.mockRestore();
    await new Promise((ok) => setTimeout(ok, 50));
    expect(again.container.querySelector('button')?.textContent).toBe('Bắt đầu');
    expect(again.container.querySelector('.progress')).toBeNull();
  });
});

describe('a submit refused', () => {
  it('leads back to the form, at the first part with a question left: never a dead end (qa9)', async () => {
    const last = screensOf(view).length - 1;
    const { container } = resumeForm('sid-422', last);
    submitAnswers(422, {
      error: { code: 'invalid_answers', message: 'Phiếu chưa hợp lệ: còn câu chưa trả lời.' },
    });
    const h1 = () => container.querySelector('h1')?.textContent;
    await waitFor(() => expect(h1()).toBe('Ý kiến khác'));
    (container.querySelector('button.primary') as HTMLButtonElement).click();
    await waitFor(() => expect(h1()).toBe('Chưa gửi được ý kiến'));
    const again = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Quay lại phiếu',
    );
    if (!again) throw new Error('no way back to the form');
    again.click();
    await waitFor(() => expect(h1()).toBe(def.aspects[0]?.name));
    expect(container.querySelector('.progress')?.textContent).toContain(`Phần 1/${last + 1}`);
    history.replaceState(null, '');
  });

  it('a code used meanwhile does not lead back: those answers can no longer be sent', async () => {
    const { container } = resumeForm('sid-409', screensOf(view).length - 1);
    submitAnswers(409, { error: { code: 'code_used', message: 'Mã này đã được dùng.' } });
    await waitFor(() => expect(container.querySelector('h1')?.textContent).toBe('Ý kiến khác'));
    (container.querySelector('button.primary') as HTMLButtonElement).click();
    await waitFor(() => expect(container.textContent).toContain('không được ghi thêm'));
    expect(container.querySelector('button')).toBeNull();
    history.replaceState(null, '');
  });

  it('says the answers just given were not recorded when the code or the day was used meanwhile (qa8)', () => {
    expect(refusalOf(409, 'code_used', 'Mã này đã được dùng.')).toEqual({
      k: 'refused',
      title: 'Cảm ơn Ông/Bà!',
      text: 'Mã này đã được dùng để góp ý. Mỗi mã chỉ dùng được một lần. Phiếu Ông/Bà vừa trả lời không được ghi thêm.',
    });
    expect(refusalOf(429, 'device_limit', '')).toMatchObject({
      text: 'Ông/Bà đã góp ý cho điểm này hôm nay. Phiếu Ông/Bà vừa trả lời không được ghi thêm.',
    });
  });
});
