import { useState } from 'preact/hooks';
import { formatDeadline } from '../../../contract/deadline';
import type { FirstScreen } from '../../../contract/first-screen';
import { Nav, Progress, SaveNotice } from '../parts/chrome';

/** What the welcome shows: the whole view, or the first screen the page brought. */
type WelcomeView = Pick<FirstScreen, 'campaign' | 'group' | 'questionnaires'>;

export function Welcome({ view, code }: { view: WelcomeView; code: string }) {
  const { closesAt } = view.campaign;
  return (
    <>
      <p>
        Kính gửi: <b>{view.group.name}</b>
      </p>
      <p>Ông/Bà được mời trả lời:</p>
      <ul>
        {view.questionnaires.map((qn) => (
          <li key={qn.id}>{qn.title}</li>
        ))}
      </ul>
      <p class="promise">
        <b>Phiếu không ghi họ tên.</b> Câu trả lời được lưu tách rời khỏi danh sách người được mời:
        không ai, kể cả cơ quan tổ chức khảo sát, có thể biết Ông/Bà đã trả lời thế nào.
      </p>
      {closesAt && (
        <p>
          Hạn trả lời: <b>{formatDeadline(closesAt)}</b>.
        </p>
      )}
      <p>
        Câu trả lời được lưu tự động. Ông/Bà có thể tạm dừng và quay lại sau bằng chính đường dẫn
        này.
      </p>
      <p class="promise">
        Mã tiếp tục của Ông/Bà: <b class="code">{code}</b>
        <br />
        Xin ghi lại mã này. Đường dẫn nay đã gắn với thiết bị này; nếu muốn làm tiếp trên điện thoại
        hay máy tính khác, Ông/Bà mở đường dẫn trên máy đó và nhập mã này. Mã chỉ dành riêng cho
        Ông/Bà: xin không đưa cho người khác, kể cả cán bộ phát phiếu.
      </p>
    </>
  );
}

/**
 * The welcome as the page brought it (issue #13.8), while the rest of the form loads: the same
 * screen as the form's first, its length not known yet ("Phần 1"). «Tiếp tục» pressed before the
 * rest has come says so, and the form moves on by itself once it has (`onNext`).
 */
export function Opening({
  first,
  code,
  onNext,
}: {
  first: FirstScreen;
  code: string;
  onNext: () => void;
}) {
  const [pressed, setPressed] = useState(false);
  return (
    <>
      <Progress step={1} of={null} />
      <h1 id="screen-title" tabIndex={-1}>
        {first.campaign.name}
      </h1>
      <Welcome view={first} code={code} />
      <p class="note" role="status">
        {pressed ? 'Đang tải phiếu khảo sát… Phiếu sẽ tự sang phần tiếp theo.' : ''}
      </p>
      <Nav
        onNext={() => {
          setPressed(true);
          onNext();
        }}
        nextLabel="Tiếp tục"
      />
      <SaveNotice status="idle" />
    </>
  );
}
