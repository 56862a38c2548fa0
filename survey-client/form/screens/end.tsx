import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { normaliseResumeCode } from '../../../contract/resume-code';

export function Message({
  title,
  text,
  children,
}: {
  title: string;
  text: string;
  children?: ComponentChildren;
}) {
  return (
    <>
      <h1 id="screen-title" tabIndex={-1}>
        {title}
      </h1>
      <p>{text}</p>
      {children}
    </>
  );
}

/**
 * 403 `claimed`: the link was opened on another device first. Its owner types the resume code
 * shown there; anyone else learns what happened and whom to ask. Nothing of the campaign is
 * known here (the server sends nothing with this answer), so the office is named, not dialled.
 */
export function Claimed({
  problem,
  onCode,
}: {
  /** Why the last code typed was refused, if one was. */
  problem: string;
  onCode: (code: string) => void;
}) {
  const [value, setValue] = useState('');
  const [typo, setTypo] = useState(false);
  const error = typo ? 'Mã tiếp tục gồm 16 chữ và số, dạng XXXX-XXXX-XXXX-XXXX.' : problem;
  return (
    <>
      <h1 id="screen-title" tabIndex={-1}>
        Đường dẫn này đã được mở trên một thiết bị khác
      </h1>
      <p>
        Nếu chính Ông/Bà đã mở đường dẫn này trên điện thoại hay máy tính khác, xin nhập mã tiếp tục
        hiện trên thiết bị đó để làm tiếp phiếu.
      </p>
      <p>
        Nếu Ông/Bà chưa từng mở đường dẫn này thì đã có người khác mở trước. Xin đừng trả lời tiếp
        mà liên hệ cơ quan đã gửi đường dẫn để được cấp đường dẫn mới.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const code = normaliseResumeCode(value);
          setTypo(!code);
          if (code) onCode(code);
        }}
      >
        <label class="label" for="resume-code">
          Mã tiếp tục
        </label>
        <input
          id="resume-code"
          class="code"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'resume-error' : undefined}
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <p id="resume-error" class={error ? 'error' : undefined} role="alert">
          {error}
        </p>
        <button type="submit" class="primary">
          Tiếp tục trả lời
        </button>
      </form>
    </>
  );
}

export const OFFLINE_SUBMIT =
  'Chưa gửi được vì mất kết nối. Câu trả lời vẫn được lưu trên máy này và sẽ tự động gửi lại khi có mạng.';

/** While the frozen answers are on their way; the form is locked so every retry sends the same. */
export function Sending({ waiting, onRetry }: { waiting: boolean; onRetry: () => void }) {
  return (
    <>
      <h1 id="screen-title" tabIndex={-1}>
        {waiting ? 'Chưa gửi được phiếu' : 'Đang gửi phiếu…'}
      </h1>
      <p role="status">{waiting ? OFFLINE_SUBMIT : 'Xin Ông/Bà chờ trong giây lát.'}</p>
      {waiting && (
        <button type="button" class="primary" onClick={onRetry}>
          Gửi lại ngay
        </button>
      )}
    </>
  );
}

/** The receipt proves arrival only: it is random and joined to nothing of the answers. */
export function Receipt({ receipt, thanks }: { receipt: string; thanks: boolean }) {
  const [copied, setCopied] = useState(false);
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  return (
    <>
      <h1 id="screen-title" tabIndex={-1}>
        {thanks ? 'Cảm ơn Ông/Bà đã tham gia khảo sát!' : 'Phiếu của Ông/Bà đã được gửi'}
      </h1>
      {thanks && <p>Phiếu đã được gửi thành công.</p>}
      {receipt && (
        <>
          <p>Mã xác nhận:</p>
          <p class="receipt" id="receipt">
            {receipt}
          </p>
          {clipboard && (
            <button
              type="button"
              onClick={() =>
                clipboard.writeText(receipt).then(
                  () => setCopied(true),
                  () => {},
                )
              }
            >
              Sao chép mã
            </button>
          )}
          <p role="status">{copied ? 'Đã sao chép mã.' : ''}</p>
          <p>
            Mã này chỉ xác nhận phiếu đã đến nơi, không cho biết bất cứ điều gì về câu trả lời của
            Ông/Bà.
          </p>
        </>
      )}
    </>
  );
}
