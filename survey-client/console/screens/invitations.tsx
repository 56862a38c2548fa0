import { useState } from 'preact/hooks';
import { campaignApi, query } from '../api';
import { count, STATUS_NAMES } from '../format';
import { CardTable, Cell, num, PERSON_COLUMNS, PersonCells, StatusCell } from '../parts/card-table';
import { GroupUnitFilter } from '../parts/group-unit-filter';
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
            <GroupUnitFilter
              campaign={campaign}
              group={filters.group}
              unit={filters.unit}
              onGroup={(group) => setFilters({ ...filters, group })}
              onUnit={(unit) => setFilters({ ...filters, unit })}
            />
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
      <CardTable
        class="cards invitations"
        columns={[...PERSON_COLUMNS, 'Điện thoại', 'Trạng thái', num('Đã nhắc'), 'Thao tác']}
      >
        {rows.map((inv) => (
          <tr key={inv.id}>
            <PersonCells
              name={inv.name}
              note={inv.position}
              group={inv.group}
              unit={inv.unit}
              phone={inv.phone}
            />
            <StatusCell status={inv.status} name={STATUS_NAMES[inv.status]} />
            <Cell label="Đã nhắc" num>
              {inv.reminders === 0 ? '—' : `${count(inv.reminders)} lần`}
            </Cell>
            <td class="actions-cell">
              <InvitationActions campaignId={campaign.id} inv={inv} onUpdate={onUpdate} />
              <PersonActions campaign={campaign} row={inv} onChanged={onPeopleChanged} />
            </td>
          </tr>
        ))}
      </CardTable>
    </>
  );
}
