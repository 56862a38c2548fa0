import type { SurveyView } from '../../../contract/respondent';
import type { SaveStatus } from '../sync';

/** The office to call, on every screen: older respondents phone rather than write. */
export function Footer({ contact }: { contact: NonNullable<SurveyView['campaign']['contact']> }) {
  return (
    <footer>
      Cần hỗ trợ, xin liên hệ {contact.name}:{' '}
      <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
    </footer>
  );
}

/** "Phần x/y"; while the form's length is not known yet (`of` null), "Phần x" and a bar that waits. */
export function Progress({ step, of }: { step: number; of: number | null }) {
  return (
    <div class="progress">
      <label for="progress">
        Phần {step}
        {of === null ? '' : `/${of}`}
      </label>
      {of === null ? <progress id="progress" /> : <progress id="progress" value={step} max={of} />}
    </div>
  );
}

interface NavProps {
  onBack?: (() => void) | undefined;
  onNext: () => void;
  nextLabel: string;
  /** Back to the review in one step, after it sent the respondent to a question left blank. */
  onReview?: (() => void) | undefined;
}

export function Nav({ onBack, onNext, nextLabel, onReview }: NavProps) {
  return (
    <div class="nav">
      {onBack && (
        <button type="button" onClick={onBack}>
          Quay lại
        </button>
      )}
      {onReview && (
        <button type="button" onClick={onReview}>
          Về trang xem lại
        </button>
      )}
      <button type="button" class="primary" onClick={onNext}>
        {nextLabel}
      </button>
    </div>
  );
}

/** The resume code, small, under every screen of the form: to continue on another device. */
export function ResumeCode({ code }: { code: string }) {
  return (
    <p class="resume">
      Mã tiếp tục: <b class="code">{code}</b>
    </p>
  );
}

/** Quiet by design: every change is already on the device, only a lost network is news. */
export function SaveNotice({ status }: { status: SaveStatus }) {
  const text =
    status === 'offline'
      ? 'Đang mất kết nối: câu trả lời vẫn được lưu trên máy này và sẽ được đồng bộ khi có mạng.'
      : status === 'idle'
        ? ''
        : 'Đã lưu câu trả lời.';
  return (
    <p class={`save${status === 'offline' ? ' off' : ''}`} role="status">
      {text}
    </p>
  );
}
