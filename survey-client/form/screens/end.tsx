import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

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
