// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { SipasFirstScreen, SipasView } from '../../contract/sipas-view';
import { builtInSipasDefinition } from '../../questionnaires';
import { welcomeHtml } from '../../server/sipas/answer-page';
import { bodyOf, missingOn, screensOf, toggle } from '../../survey-client/sipas/model';
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
