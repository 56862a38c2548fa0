import { useState } from 'preact/hooks';
import { count, PHASE_NAMES, percent, vnDateTime } from '../format';
import { Bar } from '../parts/bar';
import { Link } from '../parts/link';
import { ErrorNotice, Loading } from '../parts/notice';
import { OrganisationSelect, useOrganisations } from '../parts/organisations';
import { campaignPath, navigate } from '../router';
import { type Campaign, isStaff, type User } from '../types';
import { useLoad } from '../use-load';
import { CampaignCreate } from './campaign-create';

/**
 * Every campaign with its phase, dates and response rate; staff can start a new one. An account
 * of an organisation with sub-organisations filters by one of them (issue #12).
 */
export function Campaigns({ user }: { user: User }) {
  const [only, setOnly] = useState('');
  const [archived, setArchived] = useState(false);
  // Archived campaigns only on asking (issue #13.14).
  const query = new URLSearchParams({
    ...(only ? { organisation: only } : {}),
    ...(archived ? { archived: '1' } : {}),
  }).toString();
  const list = useLoad<Campaign[]>(`/api/campaigns${query ? `?${query}` : ''}`);
  const organisations = useOrganisations().data ?? [];
  const parent = organisations.length > 1;
  const [creating, setCreating] = useState(false);
  const staff = isStaff(user.role);

  return (
    <>
      <div class="title-row">
        <h1>Các đợt khảo sát</h1>
        {staff && !creating && (
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            Tạo đợt khảo sát
          </button>
        )}
      </div>
      {creating && (
        <CampaignCreate
          campaigns={list.data ?? []}
          organisations={organisations}
          onCancel={() => setCreating(false)}
          onCreated={(c, tab) => navigate(campaignPath(c.id, tab))}
        />
      )}
      {parent && (
        <div class="filters">
          <OrganisationSelect
            label="Tổ chức"
            organisations={organisations}
            value={only}
            onChange={setOnly}
            all="Tất cả tổ chức"
          />
        </div>
      )}
      <label class="check">
        <input
          type="checkbox"
          checked={archived}
          onChange={(e) => setArchived(e.currentTarget.checked)}
        />
        Hiện cả đợt đã lưu trữ
      </label>
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data?.length === 0 && (
        <p>Chưa có đợt khảo sát nào.{staff ? ' Bấm «Tạo đợt khảo sát» để bắt đầu.' : ''}</p>
      )}
      <ul class="cards-list">
        {list.data?.map((c) => (
          <CampaignCard key={c.id} campaign={c} showOrganisation={parent} />
        ))}
      </ul>
    </>
  );
}

function CampaignCard({
  campaign: c,
  showOrganisation,
}: {
  campaign: Campaign;
  showOrganisation: boolean;
}) {
  const rate = c.counts.invited ? (c.counts.submitted / c.counts.invited) * 100 : 0;
  return (
    <li class="card">
      <h2>
        <Link href={campaignPath(c.id)} class="card-title">
          {c.name}
        </Link>
      </h2>
      <p class="meta">
        <span class={`phase ${c.phase}`}>{PHASE_NAMES[c.phase]}</span>
        {c.kind === 'sipas' && <span class="kind">Khảo sát sự hài lòng (SIPAS)</span>}
        {showOrganisation && <span class="org">{c.organisation.name}</span>}
        <span>Mở: {vnDateTime(c.opensAt)}</span>
        <span>Đóng: {vnDateTime(c.closesAt)}</span>
        {c.archivedAt && <span class="archived">Đã lưu trữ</span>}
      </p>
      {c.kind === 'sipas' ? (
        // A SIPAS campaign invites nobody: its forms, no rate (issue #14).
        <p class="counts">
          Đã nhận <b>{count(c.counts.submitted)}</b> phiếu góp ý
        </p>
      ) : (
        <>
          <p class="counts">
            Đã gửi <b>{count(c.counts.submitted)}</b> / {count(c.counts.invited)} người được mời (
            {percent(Math.round(rate * 10) / 10)}
            {c.targetRate !== null && `; chỉ tiêu ${percent(c.targetRate)}`})
          </p>
          <Bar rate={rate} target={c.targetRate} label={`Tỷ lệ trả lời, ${c.name}`} />
        </>
      )}
    </li>
  );
}
