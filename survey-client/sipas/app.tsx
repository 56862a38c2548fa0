import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { refusalScreen, type SipasFirstScreen, type SipasView } from '../../contract/sipas-view';
import { type Proof, solveProof } from '../shared/pow';
import { call, sipasPath } from './api';
import { type Answers, bodyOf, missingOn, scaleOf, screensOf } from './model';
import { ChoiceQuestion, ScaleQuestion } from './questions';
import { sendAnswer } from './send';
import { forget, keep, keptOn } from './storage';
import { Welcome } from './welcome';

export type Phase =
  | { k: 'welcome' }
  | { k: 'form'; step: number }
  | { k: 'sending' }
  | { k: 'done'; receipt: string }
  | { k: 'refused'; title: string; text: string; back?: true };

const THANKS = 'Cảm ơn Ông/Bà đã góp ý!';

/**
 * The part a history entry of this form stands for ({ sipas: step, form: submissionId }), or null
 * for the welcome: another page's entry, or one of a form already sent (the back button after
 * sending and reloading must not open an empty form at its last part).
 */
function stepOf(state: unknown, form: string): number | null {
  const entry = state as { sipas?: unknown; form?: unknown } | null;
  const step = entry?.sipas;
  return entry?.form === form && typeof step === 'number' && Number.isInteger(step) && step >= 0
    ? step
    : null;
}

/**
 * What a definite refusal of the submit says (the server's own message when it has one). A code
 * used, or a day's answer given, by another submit meanwhile (another phone, another tab) says that
 * the answers just given were not recorded: the same submit retried would have had its receipt.
 */
export function refusalOf(
  status: number,
  code: string | undefined,
  message: string | undefined,
): Phase {
  if (code === 'device_limit' || code === 'code_used') {
    const screen = refusalScreen({ code, message: message ?? '' });
    return {
      k: 'refused',
      title: screen.title,
      text: `${screen.text} Phiếu Ông/Bà vừa trả lời không được ghi thêm.`,
    };
  }
  if (status === 0)
    return {
      k: 'refused',
      title: 'Chưa gửi được',
      text: 'Không có kết nối mạng. Câu trả lời vẫn còn trên trang này: xin thử gửi lại khi có mạng.',
    };
  return {
    k: 'refused',
    title: 'Chưa gửi được ý kiến',
    text: message || 'Máy chủ không nhận được ý kiến. Xin thử lại sau ít phút.',
  };
}

export function App({ first }: { first: SipasFirstScreen }) {
  const [phase, setPhase] = useState<Phase>({ k: 'welcome' });
  const [known, setKnown] = useState(first.refusal);
  const [view, setView] = useState<SipasView | null>(null);
  const pointCode = first.point.code;
  const kept = useRef(keptOn(first)).current;
  const [answers, setAnswers] = useState<Answers>(kept.answers);
  const [comment, setComment] = useState(kept.comment);
  const [missing, setMissing] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const proof = useRef<Promise<Proof> | null>(null);
  const submissionId = useRef(kept.submissionId);
  // The answers stay on this tab: a reload (or a phone that dropped the page) finds them again,
  // with the same submissionId, so an answer already sent is recognised and counted once.
  // Kept as the tap renders (a layout effect), not a frame later: a reload or a page the phone
  // drops right after a tap still finds that answer.
  useLayoutEffect(
    () => keep(first, { answers, comment, submissionId: submissionId.current }),
    [answers, comment],
  );

  /** The questions and a challenge; the proof is solved at once, while the person answers. */
  const load = async (): Promise<SipasView | null> => {
    const reply = await call<SipasView>(
      'GET',
      sipasPath(pointCode, first.code ? `?code=${encodeURIComponent(first.code)}` : ''),
    );
    if (!reply.data) {
      if (reply.status !== 0)
        setPhase({
          k: 'refused',
          ...refusalScreen({
            code: reply.error?.code ?? '',
            message: reply.error?.message || 'Máy chủ chưa mở được phiếu. Xin thử lại sau ít phút.',
          }),
        });
      return null;
    }
    const loaded = reply.data;
    if (loaded.refusal) {
      // Known before any answer (answered here today, a used code): the welcome becomes the
      // refusal, as the server draws one it knew of.
      setKnown(loaded.refusal);
      setPhase({ k: 'welcome' });
      return null;
    }
    setView(loaded);
    proof.current = solveProof(loaded.challenge);
    proof.current.catch(() => undefined);
    return loaded;
  };

  /** One fetch of the questions at a time (a tap on «Bắt đầu» while it loads waits for it). */
  const loading = useRef<Promise<SipasView | null> | null>(null);
  const loadOnce = () => {
    loading.current ??= load().then((v) => {
      if (!v) loading.current = null;
      return v;
    });
    return loading.current;
  };

  // Each part is a history entry ({ sipas: step, form }): the phone's back button goes to the part
  // before, not out of the form, and a reload (the entry keeps its state) comes back to the part
  // the person was on, with the answers this tab kept.
  const current = useRef(phase);
  current.current = phase;
  useEffect(() => {
    const resume = stepOf(history.state, submissionId.current);
    // A frame after the first paint: the welcome is on screen before anything is fetched.
    if (!first.refusal)
      requestAnimationFrame(
        () =>
          void loadOnce().then((v) => {
            if (v && resume !== null && current.current.k === 'welcome')
              setPhase({ k: 'form', step: Math.min(resume, screensOf(v).length - 1) });
          }),
      );
    const onPop = (e: PopStateEvent) => {
      const k = current.current.k;
      if (k !== 'welcome' && k !== 'form') return;
      moved.current = true;
      const step = stepOf(e.state, submissionId.current);
      // An entry of a form already sent leads nowhere: the back button goes on past it, so one
      // press after a reload of the thank-you page reaches the welcome, and the next leaves.
      const sent = stepOf(e.state, (e.state as { form?: unknown } | null)?.form as string);
      if (step === null && sent !== null) return history.back();
      setPhase(step === null ? { k: 'welcome' } : { k: 'form', step });
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  /** Moves forward to a part, as a new history entry. */
  const goTo = (step: number) => {
    moved.current = true;
    history.pushState({ sipas: step, form: submissionId.current }, '');
    setPhase({ k: 'form', step });
  };

  const screens = view ? screensOf(view) : [];
  // A new screen the person moved to: its heading takes the focus (read out by screen readers);
  // not on arrival, where the page's own heading is already first.
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    document.getElementById('screen-title')?.focus();
    scrollTo(0, 0);
  }, [phase.k, phase.k === 'form' ? phase.step : 0]);

  if (phase.k === 'welcome')
    return (
      <Welcome
        first={known ? { ...first, refusal: known } : first}
        onStart={() => {
          moved.current = true;
          if (view) goTo(0);
          else
            void loadOnce().then((v) => {
              if (v) goTo(0);
              else setNote('Chưa tải được phiếu: xin kiểm tra kết nối mạng rồi bấm lại.');
            });
        }}
      />
    );
  if (phase.k !== 'form' || !view) {
    const [heading, text] =
      phase.k === 'sending'
        ? ['Đang gửi ý kiến…', 'Xin chờ trong giây lát.']
        : phase.k === 'done'
          ? [THANKS, 'Ý kiến của Ông/Bà đã được ghi nhận. Ông/Bà có thể đóng trang này.']
          : phase.k === 'refused'
            ? [phase.title, phase.text]
            : ['Đang tải phiếu…', note];
    return (
      <main>
        <h1 id="screen-title" tabIndex={-1}>
          {heading}
        </h1>
        <p role="status">{text}</p>
        {phase.k === 'done' ? (
          <p class="hint">
            Mã xác nhận: <b class="code">{phase.receipt}</b>. Mã này chỉ cho biết ý kiến đã đến nơi,
            không cho biết Ông/Bà đã trả lời thế nào; Ông/Bà không cần ghi lại.
          </p>
        ) : null}
        {phase.k === 'sending' && note ? <p class="note">{note}</p> : null}
        {phase.k === 'refused' && phase.back && view ? (
          <div class="nav">
            <button
              type="button"
              class="primary"
              onClick={() => {
                moved.current = true;
                // To the first part with a question left, else to the last («Gửi ý kiến»).
                const all = screensOf(view);
                const gap = all.findIndex((x) => missingOn(view, x, answers).length > 0);
                setPhase({ k: 'form', step: gap >= 0 ? gap : Math.max(0, all.length - 1) });
              }}
            >
              Quay lại phiếu
            </button>
          </div>
        ) : null}
      </main>
    );
  }

  const screen = screens[phase.step] ?? { k: 'comment' as const };
  const last = phase.step === screens.length - 1;
  const set = (id: string, value: string | string[]) => {
    setAnswers((a) => ({ ...a, [id]: value }));
    setMissing((m) => m.filter((x) => x !== id));
  };

  /** A refusal that left the answers on the tab leads back to them: never a dead end (qa9). */
  const back = (refusal: Phase, kept: boolean) =>
    setPhase(kept && refusal.k === 'refused' ? { ...refusal, back: true } : refusal);

  const next = () => {
    moved.current = true;
    const left = missingOn(view, screen, answers);
    if (left.length > 0) {
      setMissing(left);
      document.getElementById(`q-${left[0]}`)?.scrollIntoView({ block: 'center' });
      return;
    }
    setMissing([]);
    if (!last) {
      goTo(phase.step + 1);
      return;
    }
    setPhase({ k: 'sending' });
    setNote('');
    void sendAnswer(
      pointCode,
      bodyOf(submissionId.current, answers, comment, undefined, first.code),
      async (fresh) => {
        if (fresh || !proof.current) {
          const again = await load();
          if (!again) throw new Error('no challenge');
        }
        return proof.current as Promise<Proof>;
      },
      () => setNote('Đang chờ kết nối mạng để gửi lại…'),
    )
      .then((reply) => {
        const code = reply.error?.code;
        const over = reply.data || code === 'device_limit' || code === 'code_used';
        if (over) {
          forget(first);
          // This form is over: a reload (the next citizen, at a point taking several a day)
          // opens at the welcome, not at the part this one ended on.
          history.replaceState(null, '');
        }
        if (reply.data) setPhase({ k: 'done', receipt: reply.data.receipt });
        else back(refusalOf(reply.status, code, reply.error?.message), !over);
      })
      .catch(() => back(refusalOf(0, undefined, undefined), true));
  };

  const aspect = screen.k === 'aspect' ? view.aspects[screen.index] : undefined;
  return (
    <main>
      <div class="progress">
        <label for="progress">
          Phần {phase.step + 1}/{screens.length}
        </label>
        <progress id="progress" value={phase.step + 1} max={screens.length} />
      </div>
      <h1 id="screen-title" tabIndex={-1}>
        {aspect
          ? aspect.name
          : screen.k === 'choices'
            ? 'Về dịch vụ Ông/Bà đã sử dụng'
            : 'Ý kiến khác'}
      </h1>
      {aspect ? (
        <>
          <p class="hint">Ông/Bà hài lòng đến mức nào về:</p>
          {aspect.elements.map((e) => {
            const scale = scaleOf(view, e.scale);
            return scale ? (
              <ScaleQuestion
                key={e.id}
                id={e.id}
                text={e.text}
                scale={scale}
                value={answers[e.id] as string | undefined}
                missing={missing.includes(e.id)}
                onPick={(o) => set(e.id, o)}
              />
            ) : null;
          })}
          {view.perceptions
            .filter((p) => p.aspect === aspect.code)
            .map((p) => {
              const scale = scaleOf(view, p.scale);
              return scale ? (
                <ScaleQuestion
                  key={p.id}
                  id={p.id}
                  text={p.text}
                  scale={scale}
                  value={answers[p.id] as string | undefined}
                  missing={false}
                  onPick={(o) => set(p.id, o)}
                />
              ) : null;
            })}
        </>
      ) : screen.k === 'choices' ? (
        view.choices.map((c) => (
          <ChoiceQuestion key={c.id} choice={c} answers={answers} onChange={(v) => set(c.id, v)} />
        ))
      ) : (
        <>
          <label class="label" for="comment">
            {view.comment?.text ?? 'Ý kiến khác của Ông/Bà'}
          </label>
          <p class="hint" id="comment-hint">
            Không bắt buộc: Ông/Bà có thể để trống và bấm «Gửi ý kiến».
          </p>
          <textarea
            id="comment"
            aria-describedby="comment-hint"
            rows={5}
            maxLength={4000}
            value={comment}
            onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)}
          />
        </>
      )}
      {missing.length > 0 ? (
        <p class="error" role="alert">
          Xin chọn một mức cho mỗi câu (hoặc «Không trả lời»): còn {missing.length} câu.
        </p>
      ) : null}
      <div class="nav">
        {phase.step > 0 ? (
          <button
            type="button"
            onClick={() => {
              moved.current = true;
              // «Quay lại» is the phone's back: it never adds an entry, or back would lead forward.
              if (stepOf(history.state, submissionId.current) === phase.step) history.back();
              else setPhase({ k: 'form', step: phase.step - 1 });
            }}
          >
            Quay lại
          </button>
        ) : null}
        <button type="button" class="primary" onClick={next}>
          {last ? 'Gửi ý kiến' : 'Tiếp tục'}
        </button>
      </div>
    </main>
  );
}
