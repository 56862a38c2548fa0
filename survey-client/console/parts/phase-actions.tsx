import { useRef, useState } from 'preact/hooks';
import { END_NOT_AHEAD } from '../../../contract/console/campaign-words';
import { api, campaignApi } from '../api';
import { fromVnInput, toVnInput } from '../format';
import type { Campaign, CampaignDetail } from '../types';
import { useConfirm } from './confirm';
import { ErrorNotice } from './notice';
import { VnDateTime } from './vn-datetime';

const ACTIONS = {
  not_open: {
    action: 'open',
    label: 'Mở đợt khảo sát',
    text: 'Mở ngay bây giờ: người được mời có thể trả lời từ lúc này. Bộ câu hỏi và cách tính điểm được cố định khi mở.',
  },
  open: {
    action: 'close',
    label: 'Đóng đợt khảo sát',
    text: 'Đóng ngay bây giờ: không ai gửi thêm phiếu được, kể cả người đang trả lời dở.',
  },
  closed: {
    action: 'reopen',
    label: 'Mở lại đợt khảo sát',
    text: 'Mở lại cho người chưa gửi phiếu tiếp tục trả lời. Việc mở lại được ghi vào nhật ký; kết quả tính trước đó có thể thay đổi.',
  },
} as const;

/** A SIPAS campaign has no invitations: citizens answer at its points (issue #14). */
const SIPAS_TEXT = {
  open: 'Mở ngay bây giờ: người dân quét áp phích hoặc dùng mã tại các điểm thu thập có thể góp ý từ lúc này. Bộ câu hỏi được cố định khi mở.',
  close: ACTIONS.open.text,
  reopen:
    'Mở lại để người dân tiếp tục góp ý tại các điểm thu thập. Việc mở lại được ghi vào nhật ký; kết quả tính trước đó có thể thay đổi.',
} as const;

/** The end a reopening proposes: 17:00 Vietnam time, a week from today. */
export function reopenEnd(now = new Date()): string {
  return `${toVnInput(new Date(now.getTime() + 7 * 86_400_000).toISOString()).slice(0, 10)}T17:00`;
}

/** "Mở / Đóng / Mở lại đợt khảo sát", each confirmed first (PAR: Theo dõi; SIPAS: Điểm thu thập). */
export function PhaseActions({
  campaign,
  onChange,
}: {
  campaign: Campaign;
  onChange: (c: Campaign) => void;
}) {
  const { ask, dialog } = useConfirm();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const a = ACTIONS[campaign.phase];
  const text = campaign.kind === 'sipas' ? SIPAS_TEXT[a.action] : a.text;

  /** Before closing: paper sheets whose stubs came back but were not typed yet (issue #13.1). */
  const waitingNote = async () => {
    if (a.action !== 'close') return '';
    const detail = await api<CampaignDetail>('GET', campaignApi(campaign.id)).catch(() => null);
    const n = detail?.paperWaiting ?? 0;
    return n > 0
      ? ` Còn ${n.toLocaleString('vi-VN')} phiếu giấy đã nhận cuống nhưng chưa nhập phần trả lời: vẫn nhập được sau khi đóng, cho tới khi khóa kết quả chính thức.`
      : '';
  };

  // A reopened campaign has no end until one is set: the question asks for it (qa8).
  const end = useRef<string | null>('');
  const endField = () => {
    end.current = reopenEnd();
    return (
      <>
        <VnDateTime
          label="Kết thúc lúc (giờ Việt Nam)"
          defaultValue={end.current}
          onValue={(v) => {
            end.current = v;
          }}
        />
        <p class="hint">Để trống nếu chưa định ngày kết thúc; đặt sau trong Cài đặt.</p>
      </>
    );
  };

  /** The server refuses an end not in the future; said in the dialog, with the time typed kept. */
  const endInPast = () => {
    // A part left empty reads '' in the browser, as an empty field: never «no end» by mistake.
    if (end.current === null)
      return 'Ngày giờ kết thúc chưa đủ hoặc chưa đúng: hãy nhập đủ ngày, tháng, năm (4 chữ số), giờ và phút, hoặc xóa hết nếu chưa định ngày kết thúc.';
    const iso = fromVnInput(end.current);
    return iso && Date.parse(iso) <= Date.now() ? END_NOT_AHEAD : null;
  };

  const run = async () => {
    if (
      !(await ask({
        title: `${a.label}?`,
        text: text + (await waitingNote()),
        ok: a.label,
        danger: a.action === 'close',
        ...(a.action === 'reopen' ? { field: endField(), check: endInPast } : {}),
      }))
    )
      return;
    setBusy(true);
    setError(null);
    try {
      const path = campaignApi(campaign.id, a.action === 'close' ? '/close' : '/open');
      const body = a.action === 'reopen' ? { closesAt: fromVnInput(end.current ?? '') } : undefined;
      onChange(await api<Campaign>('POST', path, body));
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  return (
    <div class="phase-actions">
      <button
        type="button"
        class={a.action === 'close' ? 'danger' : 'primary'}
        disabled={busy}
        onClick={run}
      >
        {a.label}
      </button>
      {error !== null && <ErrorNotice error={error} />}
      {dialog}
    </div>
  );
}
