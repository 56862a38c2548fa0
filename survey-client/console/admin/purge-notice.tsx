import { useState } from 'preact/hooks';
import type { PurgeResult } from '../../../contract/console/campaigns';
import { api, campaignApi } from '../api';
import { count, vnDateTime } from '../format';
import { useConfirm } from '../parts/confirm';
import { Done, ErrorNotice } from '../parts/notice';
import type { Campaign, CampaignDetail } from '../types';
import './admin.css';

/**
 * For admins on a campaign's overview: the roster's personal data (names, phones, e-mails) once
 * it is due for erasure (closed, results locked, the waiting time over), with the erasure itself,
 * asked twice. Nothing when the server does not say (older server) or there is nothing to say.
 */
export function PurgeNotice({
  campaign,
  onChange,
  now = Date.now(),
}: {
  campaign: CampaignDetail;
  onChange: (c: Campaign) => void;
  now?: number;
}) {
  const { ask, dialog } = useConfirm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [purged, setPurged] = useState<number | null>(null);
  const pd = campaign.personalData;
  if (!pd) return null;

  if (pd.purgedAt)
    return (
      <section class="panel purge done" aria-labelledby="purge-title">
        <h2 id="purge-title">Dữ liệu cá nhân</h2>
        {purged !== null && <Done>Đã xóa dữ liệu cá nhân của {count(purged)} người.</Done>}
        <p>
          Họ tên, số điện thoại, e-mail của danh sách người được khảo sát đã được xóa lúc{' '}
          {vnDateTime(pd.purgedAt)}. Số liệu, trạng thái phiếu và kết quả vẫn giữ nguyên.
        </p>
      </section>
    );
  const due = pd.purgeDueAt !== null && Date.parse(pd.purgeDueAt) <= now;
  if (!due) return null;

  const purge = async () => {
    const first = await ask({
      title: 'Xóa dữ liệu cá nhân?',
      text: `Họ tên, số điện thoại, e-mail, đơn vị công tác và chức vụ của mọi người trong danh sách đợt «${campaign.name}» sẽ bị xóa vĩnh viễn. Số liệu, trạng thái phiếu và kết quả vẫn giữ nguyên.`,
      ok: 'Tiếp tục',
      danger: true,
    });
    if (!first) return;
    const second = await ask({
      title: 'Xác nhận lần cuối',
      text: 'Sau khi xóa sẽ không còn biết ai đã được mời, không nhắc hay in lại phiếu được nữa. Không hoàn tác được.',
      ok: 'Xóa vĩnh viễn dữ liệu cá nhân',
      danger: true,
    });
    if (!second) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<PurgeResult>('POST', campaignApi(campaign.id, '/purge-personal-data'));
      setPurged(r.purged);
      const { purged: _, ...status } = r;
      const next: CampaignDetail = { ...campaign, personalData: status };
      onChange(next);
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  return (
    <section class="panel purge due" aria-labelledby="purge-title">
      <h2 id="purge-title">Dữ liệu cá nhân</h2>
      <p>
        Đã đến hạn xóa dữ liệu cá nhân (từ {vnDateTime(pd.purgeDueAt)}): đợt khảo sát đã đóng và kết
        quả đã được khóa để công bố, nên không cần giữ họ tên, số điện thoại, e-mail của người được
        khảo sát nữa (Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân).
      </p>
      {pd.purgeAllowed ? (
        <button type="button" class="danger" disabled={busy} onClick={purge}>
          {busy ? 'Đang xóa…' : 'Xóa dữ liệu cá nhân'}
        </button>
      ) : (
        <p class="hint">Máy chủ chưa cho phép xóa lúc này.</p>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {dialog}
    </section>
  );
}
