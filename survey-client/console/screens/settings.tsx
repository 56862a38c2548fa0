import { useState } from 'preact/hooks';
import { api, campaignApi } from '../api';
import { fromVnInput, toVnInput } from '../format';
import { CampaignLifecycle } from '../parts/campaign-lifecycle';
import { useConfirm } from '../parts/confirm';
import { Link } from '../parts/link';
import { Done, ErrorNotice } from '../parts/notice';
import { sendOpening } from '../parts/opens-now';
import { campaignPath } from '../router';
import type { Campaign } from '../types';
import type { CampaignProps } from './campaign';
import { ContactFields, DateFields, readRate } from './campaign-fields';

/**
 * Name, times, contact and target. Only what changed is sent: an unchanged opening time of an
 * open campaign is not sent at all (the server refuses to move it once open).
 */
/** `admin`: may delete a closed test campaign too. */
export function Settings({
  campaign,
  onChange,
  admin = false,
}: CampaignProps & { admin?: boolean }) {
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const opensLocked = campaign.phase !== 'not_open';
  const { ask, dialog } = useConfirm();

  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const patch: Record<string, unknown> = {};
    if (text('name') !== campaign.name) patch.name = text('name');
    if (!opensLocked && text('opensAt') !== toVnInput(campaign.opensAt))
      patch.opensAt = fromVnInput(text('opensAt'));
    if (text('closesAt') !== toVnInput(campaign.closesAt))
      patch.closesAt = fromVnInput(text('closesAt'));
    if (text('contactName') !== (campaign.contactName ?? ''))
      patch.contactName = text('contactName') || null;
    if (text('contactPhone') !== (campaign.contactPhone ?? ''))
      patch.contactPhone = text('contactPhone') || null;
    if (campaign.kind !== 'sipas' && readRate(text('targetRate')) !== campaign.targetRate)
      patch.targetRate = readRate(text('targetRate'));
    setError(null);
    setDone(false);
    if (Object.keys(patch).length === 0) return setDone(true);
    setBusy(true);
    try {
      const opensAt = patch.opensAt as string | null | undefined;
      const saved = await sendOpening(opensAt, ask, (openNow) =>
        api<Campaign>('PATCH', campaignApi(campaign.id), openNow ? { ...patch, openNow } : patch),
      );
      if (saved) onChange(saved);
      setDone(saved !== undefined);
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  };

  return (
    <>
      {/* The key re-reads the saved values into the (uncontrolled) fields after a save. */}
      <form
        key={`${campaign.name}|${campaign.opensAt}|${campaign.closesAt}|${campaign.phase}`}
        class="panel stack"
        onSubmit={submit}
        aria-labelledby="settings-title"
      >
        <h2 id="settings-title">Cài đặt đợt khảo sát</h2>
        <label>
          Tên đợt khảo sát
          <input name="name" required maxLength={300} defaultValue={campaign.name} />
        </label>
        <DateFields campaign={campaign} opensLocked={opensLocked} />
        <ContactFields campaign={campaign} target={campaign.kind !== 'sipas'} />
        {campaign.definition && (
          <p class="hint">
            Bộ câu hỏi: {campaign.definition.name} (phiên bản {String(campaign.definition.version)}
            ).
          </p>
        )}
        <p class="hint">
          Danh sách đơn vị, mã ĐVHC và cách sửa: mục{' '}
          <Link href={campaignPath(campaign.id, 'units')}>Đơn vị</Link>.
        </p>
        {error !== null && <ErrorNotice error={error} />}
        {done && <Done>Đã lưu.</Done>}
        {dialog}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Lưu thay đổi'}
          </button>
        </div>
      </form>
      <CampaignLifecycle campaign={campaign} admin={admin} onChange={onChange} />
    </>
  );
}
