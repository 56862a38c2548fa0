import { refusalScreen, type SipasFirstScreen } from '../../contract/sipas-view';

/**
 * The welcome (or, known before any answer, why the form cannot be answered): the markup
 * server/sipas/answer-page.ts draws into the page before any script, so
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
  const kicker = (
    <p class="kicker">
      {point.unitName} · {point.name}
    </p>
  );
  const code = first.code ? (
    <p>
      Mã phiếu: <b class="code">{first.code}</b>
    </p>
  ) : null;
  if (refusal) {
    // Only the refusal, kindly: no invitation to start what cannot be answered.
    const { title, text } = refusalScreen(refusal);
    return (
      <main>
        {kicker}
        <h1 id="screen-title" tabIndex={-1}>
          {title}
        </h1>
        <p role="status">{text}</p>
        {code}
      </main>
    );
  }
  return (
    <main>
      {kicker}
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
      {code}
      <div class="nav">
        <button type="button" class="primary" onClick={onStart}>
          Bắt đầu
        </button>
      </div>
    </main>
  );
}
