import { useState } from 'preact/hooks';
import type { DeletedCampaign } from '../../../contract/console/campaigns';
import { api, campaignApi } from '../api';
import { count, vnDateTime } from '../format';
import { navigate } from '../router';
import type { Campaign, CampaignDetail } from '../types';
import { useConfirm } from './confirm';
import { ErrorNotice } from './notice';

/** "01/11/2024 08:00 – 15/12/2024 17:00", the current period "… – nay" or "… – (chưa đặt)". */
function period(o: { openedAt: string; closedAt: string | null }) {
  const end = o.closedAt
    ? Date.parse(o.closedAt) <= Date.now()
      ? vnDateTime(o.closedAt)
      : `${vnDateTime(o.closedAt)} (dự kiến)`
    : 'chưa đặt thời điểm kết thúc';
  return `${vnDateTime(o.openedAt)} – ${end}`;
}

/** Every period the campaign was open, when it was reopened at least once (issue #13.14). */
export function Openings({ campaign }: { campaign: CampaignDetail }) {
  const openings = campaign.openings ?? [];
  if (openings.length < 2) return null;
  return (
    <div class="openings">
      <h2 id="openings-title">Các lần mở</h2>
      <ol aria-labelledby="openings-title">
        {openings.map((o, i) => (
          <li key={o.openedAt}>
            {i === 0 ? 'Mở lần đầu' : `Mở lại lần ${i}`}: {period(o)}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * Archive a closed campaign (or bring it back); delete a draft, or, for an admin, a closed test
 * campaign whose results were never locked. Each asked first, in words saying what goes.
 */
export function CampaignLifecycle({
  campaign,
  admin,
  onChange,
}: {
  campaign: CampaignDetail;
  admin: boolean;
  onChange: (c: Campaign) => void;
}) {
  const { ask, dialog } = useConfirm();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const closed = campaign.phase === 'closed';
  const deletable = campaign.phase === 'not_open' || (closed && admin);
  if (!closed && !deletable) return null;

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };
  const archive = (archived: boolean) =>
    act(async () => {
      const path = campaignApi(campaign.id, archived ? '/archive' : '/unarchive');
      onChange(await api<Campaign>('POST', path));
    });
  const remove = async () => {
    const { invited, submitted } = campaign.counts;
    const ok = await ask({
      title: 'Xóa đợt khảo sát?',
      text:
        campaign.phase === 'not_open'
          ? `Xóa đợt "${campaign.name}" chưa mở, cùng danh sách ${count(invited)} người được mời và các đường dẫn. Không khôi phục được.`
          : `Xóa đợt dùng thử "${campaign.name}" cùng mọi dữ liệu: ${count(invited)} người được mời, ${count(submitted)} phiếu đã gửi, các lần tính điểm. Không khôi phục được. Đợt có kết quả đã khóa thì không xóa được (hãy lưu trữ).`,
      ok: 'Xóa đợt khảo sát',
      danger: true,
    });
    if (ok)
      await act(async () => {
        await api<DeletedCampaign>('DELETE', campaignApi(campaign.id));
        navigate('/console');
      });
  };

  return (
    <section class="panel stack" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">Lưu trữ hoặc xóa</h2>
      {closed && (
        <p class="hint">
          {campaign.archivedAt
            ? `Đã lưu trữ lúc ${vnDateTime(campaign.archivedAt)}: đợt không hiện trong danh sách, trừ khi chọn «Hiện cả đợt đã lưu trữ».`
            : 'Đợt đã kết thúc có thể lưu trữ: ẩn khỏi danh sách các đợt, kết quả và dữ liệu giữ nguyên.'}
        </p>
      )}
      <div class="actions">
        {closed && (
          <button type="button" disabled={busy} onClick={() => archive(!campaign.archivedAt)}>
            {campaign.archivedAt ? 'Bỏ lưu trữ' : 'Lưu trữ đợt khảo sát'}
          </button>
        )}
        {deletable && (
          <button type="button" class="danger" disabled={busy} onClick={remove}>
            Xóa đợt khảo sát
          </button>
        )}
      </div>
      {error !== null && <ErrorNotice error={error} />}
      {dialog}
    </section>
  );
}
