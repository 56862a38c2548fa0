import { useState } from 'preact/hooks';
import { campaignApi, query } from '../api';
import { count, STATUS_NAMES } from '../format';
import { InvitationActions } from '../parts/invitation-actions';
import { ErrorNotice, Loading } from '../parts/notice';
import { AddPerson } from '../people/add-person';
import { PersonActions } from '../people/person-actions';
import type { CampaignDetail, Invitation, InvitationStatus } from '../types';
import { useLoad } from '../use-load';
import type { CampaignProps } from './campaign';
import { NonResponders } from './non-responders';

interface Filters {
  status: string;
  group: string;
  unit: string;
}

/** Invitations with their status and actions; the non-responders to chase; slips and exports. */
export function Invitations({ campaign }: CampaignProps) {
  const [view, setView] = useState<'all' | 'pending'>('all');
  const [filters, setFilters] = useState<Filters>({ status: '', group: '', unit: '' });
  const q = query({ status: filters.status, group: filters.group, unit: filters.unit });
  const list = useLoad<Invitation[]>(
    view === 'all' ? campaignApi(campaign.id, `/invitations${q}`) : null,
  );
  const set = (k: keyof Filters) => (e: Event) =>
    setFilters({ ...filters, [k]: (e.currentTarget as HTMLSelectElement).value });
  const slips = query({ group: filters.group, unit: filters.unit });

  return (
    <>
      <fieldset class="segmented">
        <legend class="sr-only">Xem</legend>
        <button type="button" aria-pressed={view === 'all'} onClick={() => setView('all')}>
          Tất cả lời mời
        </button>
        <button type="button" aria-pressed={view === 'pending'} onClick={() => setView('pending')}>
          Người chưa trả lời
        </button>
      </fieldset>
      {view === 'pending' ? (
        <NonResponders campaignId={campaign.id} />
      ) : (
        <>
          <div class="filters">
            <label>
              Trạng thái
              <select value={filters.status} onChange={set('status')}>
                <option value="">Tất cả</option>
                {(Object.keys(STATUS_NAMES) as InvitationStatus[]).map((s) => (
                  <option key={s} value={s}>
                    {STATUS_NAMES[s]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Nhóm đối tượng
              <select value={filters.group} onChange={set('group')}>
                <option value="">Tất cả</option>
                {campaign.groups?.map((g) => (
                  <option key={g.code} value={g.code}>
                    {g.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Đơn vị
              <select value={filters.unit} onChange={set('unit')}>
                <option value="">Tất cả</option>
                {campaign.units
                  ?.filter((u) => u.kind !== 'tinh')
                  .map((u) => (
                    <option key={u.code} value={u.code}>
                      {u.name}
                    </option>
                  ))}
              </select>
            </label>
          </div>
          <p class="exports">
            <a
              class="button"
              href={campaignApi(campaign.id, `/slips${slips}`)}
              target="_blank"
              rel="noopener"
            >
              In phiếu mời (QR)
            </a>
            <a class="button" href={campaignApi(campaign.id, `/links.csv${q}`)} download>
              Tải đường dẫn và tin nhắn (CSV)
            </a>
            <a class="button" href={campaignApi(campaign.id, `/links.xlsx${q}`)} download>
              Tải đường dẫn và tin nhắn (Excel)
            </a>
          </p>
          <AddPerson campaign={campaign} onAdded={list.reload} />
          {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
          {list.loading && <Loading />}
          {list.data && (
            <InvitationTable
              campaign={campaign}
              onPeopleChanged={list.reload}
              rows={list.data}
              onUpdate={(inv) =>
                list.setData((rows) => rows?.map((r) => (r.id === inv.id ? inv : r)))
              }
            />
          )}
        </>
      )}
    </>
  );
}

function InvitationTable({
  campaign,
  onPeopleChanged,
  rows,
  onUpdate,
}: {
  campaign: CampaignDetail;
  onPeopleChanged: () => void;
  rows: Invitation[];
  onUpdate: (inv: Invitation) => void;
}) {
  if (rows.length === 0) return <p>Không có lời mời nào khớp với bộ lọc.</p>;
  return (
    <>
      <p class="hint">{count(rows.length)} lời mời</p>
      <div class="table-wrap">
        <table class="cards invitations">
          <thead>
            <tr>
              <th scope="col">Họ và tên</th>
              <th scope="col">Nhóm</th>
              <th scope="col">Đơn vị</th>
              <th scope="col">Điện thoại</th>
              <th scope="col">Trạng thái</th>
              <th scope="col" class="num">
                Đã nhắc
              </th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((inv) => (
              <tr key={inv.id}>
                <th scope="row" class="name">
                  {inv.name}
                  {inv.position && <small>{inv.position}</small>}
                </th>
                <td data-label="Nhóm">{inv.group}</td>
                <td data-label="Đơn vị" class="unit">
                  {inv.unit}
                </td>
                <td data-label="Điện thoại" class="phone">
                  {inv.phone ? <a href={`tel:${inv.phone}`}>{inv.phone}</a> : '—'}
                </td>
                <td data-label="Trạng thái">
                  <span class={`status ${inv.status}`}>{STATUS_NAMES[inv.status]}</span>
                </td>
                <td data-label="Đã nhắc" class="num">
                  {inv.reminders === 0 ? '—' : `${count(inv.reminders)} lần`}
                </td>
                <td class="actions-cell">
                  <InvitationActions campaignId={campaign.id} inv={inv} onUpdate={onUpdate} />
                  <PersonActions campaign={campaign} row={inv} onChanged={onPeopleChanged} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
