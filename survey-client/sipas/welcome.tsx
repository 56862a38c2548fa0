import type { SipasFirstScreen } from '../../contract/sipas-view';

/**
 * The welcome: the markup server/sipas/page-html.ts draws into the page before any script, so
 * the first paint needs no round trip; Preact takes these elements over.
 */
export function Welcome({
  first,
  onStart,
}: {
  first: SipasFirstScreen;
  onStart?: (() => void) | undefined;
}) {
  const { point, refusal } = first;
  return (
    <main>
      <p class="kicker">
        {point.unitName} · {point.name}
      </p>
      <h1 id="screen-title" tabIndex={-1}>
        Ý kiến của Ông/Bà giúp cải thiện dịch vụ
      </h1>
      <p>{first.campaign.name}</p>
      <p>
        Phiếu gồm các câu hỏi ngắn, mất khoảng <b>{first.minutes} phút</b>.
      </p>
      <p class="promise">
        <b>Phiếu không ghi họ tên.</b> Không lưu địa chỉ mạng hay thông tin về thiết bị cùng câu trả
        lời: không ai, kể cả cơ quan, biết Ông/Bà đã trả lời thế nào.
      </p>
      {first.code ? (
        <p>
          Mã phiếu: <b class="code">{first.code}</b>
        </p>
      ) : null}
      {refusal ? (
        <p class="error" role="alert">
          {refusal.message}
        </p>
      ) : (
        <div class="nav">
          <button type="button" class="primary" onClick={onStart}>
            Bắt đầu
          </button>
        </div>
      )}
    </main>
  );
}
