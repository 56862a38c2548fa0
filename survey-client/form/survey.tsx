import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Draft, SubmitBody, SurveyView } from '../../contract/respondent';
import {
  buildScreens,
  type Ctx,
  type FormState,
  progressOf,
  restore,
  type Screen,
  screenIndex,
  submitBody,
  toDraft,
  unansweredOn,
} from './model';
import { Nav, Progress, ResumeCode, SaveNotice } from './parts/chrome';
import { CommentScreen } from './screens/comment';
import { DemographicsScreen } from './screens/demographics';
import { Sending } from './screens/end';
import { FieldScreen } from './screens/field';
import { describeErrors, ReviewScreen } from './screens/review';
import { UNITS_TITLE, UnitsScreen } from './screens/units';
import { Welcome } from './screens/welcome';
import { clearLocal, readLocal, removeLocal, submissionIdFor, writeLocal } from './storage';
import { createSubmission } from './submit';
import { createDraftSync, type DraftSync, type SaveStatus } from './sync';

/** The state of a history entry: its screen, and the screen of the entry before it, if known. */
interface Entry {
  screen: string;
  back: string | null;
}

/** How the form ends: a receipt, or a status the app explains (404, 403, 409, 410). */
export type End = { receipt: string } | { status: number; code?: string | undefined };

interface Props {
  token: string;
  /** What every call sends in X-Claim: this device's claim, or the resume code typed here. */
  claim: string;
  /** The resume code shown to the person, to continue on another device. */
  code: string;
  view: SurveyView;
  onEnd: (end: End) => void;
  /** «Tiếp tục» was pressed on the welcome before the form had loaded: start on the next part. */
  pastWelcome?: boolean;
}

function titleOf(screen: Screen, view: SurveyView): string {
  switch (screen.kind) {
    case 'welcome':
      return view.campaign.name;
    case 'units':
      return UNITS_TITLE;
    case 'field':
      return screen.name;
    case 'comment':
      return 'Ý kiến, kiến nghị';
    case 'demographics':
      return 'Thông tin chung';
    case 'review':
      return 'Xem lại trước khi gửi';
  }
}

export function Survey({ token, claim, code, view, onEnd, pastWelcome }: Props) {
  const [restored] = useState(() => restore(view, readLocal<Draft>('draft', token)));
  const [st, setSt] = useState<FormState>(restored.state);
  const [saveStatus, setSaveStatus] = useState<SaveStatus>('idle');
  const [sending, setSending] = useState<'sending' | 'waiting' | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  // Bumped on every move, so that jumping twice to the same question focuses it twice.
  const [nav, setNav] = useState<{ n: number; target?: string | undefined }>({ n: 0 });
  // Sent from the review to a question left blank: one step back to the review, not one per screen.
  const [fromReview, setFromReview] = useState(false);
  // "Tiếp tục" with questions left blank says so once, on the same screen; a second press goes on.
  const [warned, setWarned] = useState(false);
  // The screens of the last render: a back press to a screen the form no longer has does nothing.
  const shown = useRef<Screen[]>([]);
  const sync = useRef<DraftSync | null>(null);
  const submission = useRef<ReturnType<typeof createSubmission> | null>(null);
  const firstSave = useRef(true);

  const update: Ctx['update'] = (change) =>
    setSt((s) => ({ ...s, ...change(s), savedAt: Date.now() }));
  const show = (screen: string, target?: string) => {
    if (screen === 'review') setFromReview(false);
    setWarned(false);
    update(() => ({ screen }));
    setNav((v) => ({ n: v.n + 1, target }));
  };
  // Every move is a history entry (state only: the address stays /s/<token>, with no answers in
  // it), so that the phone's back button goes to the previous screen instead of leaving the form.
  // Each entry also names the screen of the entry before it (`back`), which tells "Quay lại"
  // whether it can simply be the phone's back.
  const go: Ctx['go'] = (screen, target) => {
    if (screen !== st.screen) history.pushState({ screen, back: st.screen } satisfies Entry, '');
    show(screen, target);
  };
  // "Quay lại" behaves like the phone's back: it never adds an entry, else the phone's back would
  // then lead forward again. When the entry before is not the previous screen (the form was
  // opened there, or reached it from the review), the current entry becomes the previous screen.
  const back = (screen: string) => {
    const now = history.state as Entry | null;
    if (now?.screen === st.screen && now.back === screen) return history.back();
    history.replaceState({ screen, back: now?.back ?? null } satisfies Entry, '');
    show(screen);
  };

  function send(body: SubmitBody) {
    sync.current?.cancel();
    writeLocal('submit', token, body);
    setErrors([]);
    setSending('sending');
    submission.current = createSubmission(
      token,
      claim,
      body,
      () => setSending('waiting'),
      (reply) => {
        submission.current = null;
        if ((reply.status === 200 || reply.status === 201) && reply.data) {
          clearLocal(token);
          onEnd({ receipt: reply.data.receipt });
        } else if (reply.status === 400 || reply.status === 422) {
          // The answers must change: unlock the form; the next submit is a new body.
          removeLocal('submit', token);
          setSending(null);
          setErrors(describeErrors(view, reply.error));
          go('review');
        } else {
          if (reply.status === 409) clearLocal(token);
          onEnd({ status: reply.status, code: reply.error?.code });
        }
      },
    );
  }

  useEffect(() => {
    const s = createDraftSync(token, claim, setSaveStatus, (status, error) => {
      // A draft refused after the submit began says nothing the submit will not say.
      if (!submission.current) onEnd({ status, code: error });
    });
    sync.current = s;
    // A submit interrupted by a reload goes on with the very same body.
    const frozen = readLocal<SubmitBody>('submit', token);
    if (frozen) send(frozen);
    // The entry the form opened on (after a reload too) leads back to the restored screen; after a
    // reload on the same screen, it still knows the entry before it.
    const kept = history.state as Entry | null;
    const before = kept?.screen === st.screen ? (kept.back ?? null) : null;
    const at = shown.current.findIndex((x) => x.id === st.screen);
    const previous = before === null && at > 0 ? shown.current[at - 1]?.id : undefined;
    if (previous !== undefined) {
      // Opened in the middle with no history of the form (resumed on another device, the link
      // opened again): the phone's back still goes to the part before, not out of the form.
      history.replaceState({ screen: previous, back: null } satisfies Entry, '');
      history.pushState({ screen: st.screen, back: previous } satisfies Entry, '');
    } else history.replaceState({ screen: st.screen, back: before } satisfies Entry, '');
    const [welcome, first] = shown.current;
    if (pastWelcome && welcome?.kind === 'welcome' && st.screen === welcome.id && first)
      go(first.id);
    const onPop = (e: PopStateEvent) => {
      const id = (e.state as { screen?: unknown } | null)?.screen;
      if (!submission.current && shown.current.some((x) => x.id === id)) show(id as string);
    };
    addEventListener('popstate', onPop);
    return () => {
      s.stop();
      submission.current?.stop();
      removeEventListener('popstate', onPop);
    };
  }, []);

  // Kept on the device as the tap renders (a layout effect), not a frame later: a reload or a
  // page the phone drops right after a tap still finds that answer.
  useLayoutEffect(() => writeLocal('draft', token, toDraft(st)), [st]);

  useEffect(() => {
    const draft = toDraft(st);
    // On opening, the server needs the draft only when this device's copy is the newer one;
    // during a submit a draft would only race it (and be refused once the submit lands).
    if ((!firstSave.current || restored.push) && !submission.current) sync.current?.save(draft);
    firstSave.current = false;
  }, [st]);

  useEffect(() => {
    if (!nav.n) return;
    const el = document.getElementById(nav.target ?? 'screen-title');
    if (!nav.target) window.scrollTo?.(0, 0);
    el?.focus();
  }, [nav]);

  if (sending) {
    return (
      <>
        <Sending waiting={sending === 'waiting'} onRetry={() => submission.current?.retryNow()} />
        <SaveNotice status={saveStatus} />
        <ResumeCode code={code} />
      </>
    );
  }

  const screens = buildScreens(view, st.known);
  shown.current = screens;
  const index = screenIndex(screens, st.screen);
  const screen = screens[index] ?? screens[0]!;
  const prev = screens[index - 1];
  const next = screens[index + 1];
  const ctx: Ctx = { view, st, update, go };
  const qn = 'qn' in screen ? screen.qn : undefined;
  // The questionnaire's introduction opens its first screen.
  const intro = qn && screens.find((s) => 'qn' in s && s.qn === qn) === screen;
  const left = screen.kind === 'field' ? unansweredOn(view, st, screen.id) : 0;
  const progress = progressOf(view, screen.id);

  let body = null;
  switch (screen.kind) {
    case 'welcome':
      body = <Welcome view={view} code={code} />;
      break;
    case 'units':
      body = <UnitsScreen {...ctx} qn={screen.qn} />;
      break;
    case 'field':
      body = <FieldScreen {...ctx} qn={screen.qn} questions={screen.questions} />;
      break;
    case 'comment':
      body = <CommentScreen {...ctx} qn={screen.qn} text={screen.text} />;
      break;
    case 'demographics':
      body = <DemographicsScreen {...ctx} />;
      break;
    case 'review':
      body = (
        <ReviewScreen
          {...ctx}
          go={(id, target) => {
            go(id, target);
            setFromReview(true);
          }}
          errors={errors}
          onBack={() => prev && back(prev.id)}
          onSubmit={() => send(submitBody(view, st, submissionIdFor(token)))}
        />
      );
  }

  return (
    <>
      <Progress step={progress.step} of={progress.of} />
      {qn && <p class="kicker">{qn.title}</p>}
      <h1 id="screen-title" tabIndex={-1}>
        {titleOf(screen, view)}
      </h1>
      {intro && <p class="intro">{qn.intro}</p>}
      {body}
      {next && (
        <p class="note" role="status">
          {warned && left
            ? `Còn ${left} câu chưa trả lời ở phần này. Ông/Bà có thể trả lời ngay, hoặc bấm «Tiếp tục» lần nữa và quay lại sau; trang Xem lại sẽ liệt kê các câu này.`
            : ''}
        </p>
      )}
      {next && (
        <Nav
          onBack={prev && (() => back(prev.id))}
          onNext={() => (left && !warned && next.kind !== 'review' ? setWarned(true) : go(next.id))}
          nextLabel={next.kind === 'review' ? 'Xem lại và gửi' : 'Tiếp tục'}
          onReview={fromReview && next.kind !== 'review' ? () => go('review') : undefined}
        />
      )}
      <SaveNotice status={saveStatus} />
      {screen.kind !== 'welcome' && <ResumeCode code={code} />}
    </>
  );
}
