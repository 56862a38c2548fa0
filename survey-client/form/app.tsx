import { useEffect, useRef, useState } from 'preact/hooks';
import type { FirstScreen } from '../../contract/first-screen';
import type { SurveyView } from '../../contract/respondent';
import { CLAIM_FORMAT, resumeCodeOf } from '../../contract/resume-code';
import { apiPath, call } from './api';
import { takeFirstScreen } from './first-screen';
import { Footer } from './parts/chrome';
import { Claimed, Message, Receipt } from './screens/end';
import { Opening } from './screens/welcome';
import { clearLocal, readLocal, writeLocal } from './storage';
import { type End, Survey } from './survey';

/** The link is `/s/<token>`; anything else has no token. */
export function tokenFromPath(path: string): string | null {
  const m = /^\/s\/([^/]+)\/?$/.exec(path);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

/** What each definite refusal means to the respondent. */
const MESSAGES: Record<number, [title: string, text: string]> = {
  404: [
    'Không mở được phiếu',
    'Đường dẫn không hợp lệ hoặc đã bị thu hồi. Vui lòng liên hệ cơ quan đã gửi đường dẫn.',
  ],
  403: ['Đợt khảo sát chưa bắt đầu.', 'Xin Ông/Bà quay lại khi đợt khảo sát bắt đầu.'],
  409: [
    'Phiếu của Ông/Bà đã được gửi',
    'Đường dẫn này đã được dùng để gửi phiếu; mỗi đường dẫn chỉ gửi được một lần.',
  ],
  410: ['Đợt khảo sát đã kết thúc.', 'Cảm ơn Ông/Bà đã quan tâm.'],
};

type Phase =
  | { k: 'loading' }
  | { k: 'opening'; first: FirstScreen }
  | { k: 'failed' }
  | { k: 'status'; status: number }
  | { k: 'claimed'; problem: string }
  | { k: 'form'; view: SurveyView; claim: string }
  | { k: 'receipt'; receipt: string; thanks: boolean };

const statusPhase = (status: number, code?: string): Phase =>
  code === 'claimed'
    ? { k: 'claimed', problem: '' }
    : MESSAGES[status]
      ? { k: 'status', status }
      : { k: 'failed' };

/** The resume code to show: derived from this device's claim, or the one typed here. */
const codeOf = (claim: string) => (CLAIM_FORMAT.test(claim) ? resumeCodeOf(claim) : claim);

/**
 * The page of a link never opened brings its first screen and claim (issue #13.8): the welcome
 * shows at once, the claim is kept as the API's first answer would have been, the rest follows.
 */
function firstPhase(token: string | null): Phase {
  if (!token) return statusPhase(404);
  const first = takeFirstScreen();
  if (!first) return { k: 'loading' };
  writeLocal('claim', token, first.claim);
  return { k: 'opening', first };
}

export function App({ token }: { token: string | null }) {
  const [start] = useState(() => firstPhase(token));
  const [phase, setPhase] = useState<Phase>(start);
  const [contact, setContact] = useState<SurveyView['campaign']['contact']>(
    start.k === 'opening' ? start.first.campaign.contact : null,
  );
  // The page's claim, should this device's storage refuse to keep it.
  const given = start.k === 'opening' ? start.first.claim : null;
  // «Tiếp tục» pressed on the welcome the page brought, before the rest of the form had come.
  const pressedNext = useRef(false);

  /** Opens the link with this device's claim, or with the resume code just typed. */
  const load = (typed?: string, keepScreen = false) => {
    if (!token) return;
    const kept = readLocal<string>('claim', token);
    const sent = typed ?? (typeof kept === 'string' ? kept : given);
    // A code being checked keeps its screen (and what was typed, to correct a typo); so does
    // the welcome the page brought.
    if (!typed && !keepScreen) setPhase({ k: 'loading' });
    call<SurveyView>('GET', apiPath(token), sent).then(({ status, data, error }) => {
      if (status === 403 && error?.code === 'claimed') {
        const locked = (error.details as { retryAfter?: number } | undefined)?.retryAfter;
        const problem = !typed
          ? ''
          : locked
            ? `Đã nhập sai quá nhiều lần. Xin thử lại sau khoảng ${Math.ceil(locked / 60)} phút.`
            : 'Mã tiếp tục chưa đúng. Xin kiểm tra lại từng chữ, từng số.';
        return setPhase({ k: 'claimed', problem });
      }
      if (status !== 200 || !data) return setPhase(statusPhase(status, error?.code));
      // The first open gives the claim, once; a code typed here serves as this device's claim.
      const claim = data.claim ?? sent ?? '';
      if (claim !== kept) writeLocal('claim', token, claim);
      setContact(data.campaign.contact);
      if (data.status !== 'submitted') return setPhase({ k: 'form', view: data, claim });
      clearLocal(token);
      setPhase({ k: 'receipt', receipt: data.receipt ?? '', thanks: false });
    });
  };
  useEffect(() => {
    if (start.k !== 'opening') return load();
    // The welcome the page brought is painted first; the rest is asked for a frame later, while
    // it is read: nothing competes with that first paint (issue #13.8).
    const frame = requestAnimationFrame(() => setTimeout(() => load(undefined, true), 0));
    return () => cancelAnimationFrame(frame);
  }, []);

  // A new page for screen readers: the heading of what replaced the form.
  useEffect(() => {
    if (phase.k !== 'loading' && phase.k !== 'opening' && phase.k !== 'form')
      document.getElementById('screen-title')?.focus();
  }, [phase]);

  const onEnd = (end: End) =>
    setPhase(
      'receipt' in end
        ? { k: 'receipt', receipt: end.receipt, thanks: true }
        : statusPhase(end.status, end.code),
    );

  let body = null;
  switch (phase.k) {
    case 'loading':
      body = <p role="status">Đang tải phiếu khảo sát…</p>;
      break;
    case 'opening':
      body = (
        <Opening
          first={phase.first}
          code={codeOf(phase.first.claim)}
          onNext={() => {
            pressedNext.current = true;
          }}
        />
      );
      break;
    case 'failed':
      body = (
        <Message title="Không tải được phiếu" text="Xin kiểm tra kết nối mạng rồi bấm «Thử lại».">
          <button type="button" class="primary" onClick={() => load()}>
            Thử lại
          </button>
        </Message>
      );
      break;
    case 'status': {
      const [title, text] = MESSAGES[phase.status] ?? ['', ''];
      body = <Message title={title} text={text} />;
      break;
    }
    case 'claimed':
      body = <Claimed problem={phase.problem} onCode={load} />;
      break;
    case 'form':
      body = (
        <Survey
          token={token ?? ''}
          claim={phase.claim}
          code={codeOf(phase.claim)}
          view={phase.view}
          onEnd={onEnd}
          pastWelcome={pressedNext.current}
        />
      );
      break;
    case 'receipt':
      body = <Receipt receipt={phase.receipt} thanks={phase.thanks} />;
  }
  return (
    <>
      <main>{body}</main>
      {contact && <Footer contact={contact} />}
    </>
  );
}
