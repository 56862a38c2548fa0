import { useState } from 'preact/hooks';
import { campaignApi } from '../api';
import { count, STATUS_NAMES } from '../format';
import { CardTable, Cell, num, PERSON_COLUMNS, PersonCells, StatusCell } from '../parts/card-table';
import { GroupUnitFilter } from '../parts/group-unit-filter';
import { InvitationActions } from '../parts/invitation-actions';
import { Pager, SearchBox, SortSelect } from '../parts/list-controls';
import {
  filterQuery,
  type ListState,
  listQuery,
  useClampPage,
  useListState,
} from '../parts/list-state';
import { ErrorNotice, Loading } from '../parts/notice';
import { type Selection, useSelection } from '../parts/selection';
import { SlipPrint } from '../parts/slip-print';
import { Who } from '../parts/who';
import { AddPerson } from '../people/add-person';
import { PersonActions } from '../people/person-actions';
import type { CampaignDetail, Invitation, InvitationPage, InvitationStatus } from '../types';
import { useLoad } from '../use-load';
import type { CampaignProps } from './campaign';
import { NonResponders } from './non-responders';

/**
 * Invitations a page at a time, searched, filtered and sorted by the server (a province has
 * 5,000); the non-responders to chase; slips and exports of a selection or of everything that
 * matches. The search, filters, order and page are remembered (list-state.ts).
 */
export function Invitations({ campaign }: CampaignProps) {
  const [state, update] = useListState(campaign.id);
  return (
    <>
      <fieldset class="segmented">
        <legend class="sr-only">Xem</legend>
        <button
          type="button"
          aria-pressed={state.view === 'all'}
          onClick={() => update({ view: 'all' })}
        >
          Tất cả lời mời
        </button>
        <button
          type="button"
          aria-pressed={state.view === 'pending'}
          onClick={() => update({ view: 'pending' })}
        >
          Người chưa trả lời
        </button>
      </fieldset>
      <ListFilters campaign={campaign} state={state} update={update} />
      {state.view === 'pending' ? (
        <NonResponders campaignId={campaign.id} state={state} update={update} />
      ) : (
        <AllInvitations campaign={campaign} state={state} update={update} />
      )}
    </>
  );
}

type Update = (patch: Partial<ListState>) => void;

function ListFilters({
  campaign,
  state,
  update,
}: {
  campaign: CampaignDetail;
  state: ListState;
  update: Update;
}) {
  return (
    <div class="filters">
      <SearchBox value={state.q} onSearch={(q) => update({ q })} />
      {state.view === 'all' && (
        <label>
          Trạng thái
          <select value={state.status} onChange={(e) => update({ status: e.currentTarget.value })}>
            <option value="">Tất cả</option>
            {(Object.keys(STATUS_NAMES) as InvitationStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_NAMES[s]}
              </option>
            ))}
          </select>
        </label>
      )}
      <GroupUnitFilter
        campaign={campaign}
        group={state.group}
        unit={state.unit}
        onGroup={(group) => update({ group })}
        onUnit={(unit) => update({ unit })}
      />
      <SortSelect value={state.sort} onSort={(sort) => update({ sort })} />
    </div>
  );
}

function AllInvitations({
  campaign,
  state,
  update,
}: {
  campaign: CampaignDetail;
  state: ListState;
  update: Update;
}) {
  const list = useLoad<InvitationPage>(campaignApi(campaign.id, `/invitations${listQuery(state)}`));
  const selection = useSelection(filterQuery(state));
  const page = list.data;
  useClampPage(page, update);
  const pager = (label: string) =>
    page && page.total > 0 ? (
      <Pager
        label={label}
        page={state.page}
        pageSize={state.pageSize}
        total={page.total}
        onPage={(p) => update({ page: p })}
        onPageSize={(pageSize) => update({ pageSize })}
      />
    ) : null;
  return (
    <>
      <SlipPrint
        campaignId={campaign.id}
        state={state}
        page={page}
        selection={selection}
        onLayout={(change) => update(change)}
        onReminded={list.reload}
      />
      {/* A closed campaign's list is final: the server refuses changes (409 campaign_closed). */}
      {campaign.phase !== 'closed' && <AddPerson campaign={campaign} onAdded={list.reload} />}
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.loading && !page && <Loading />}
      {page && page.total === 0 && <p>Không có lời mời nào khớp với bộ lọc.</p>}
      {page && page.items.length > 0 && (
        <>
          {pager('Chuyển trang')}
          <InvitationTable
            campaign={campaign}
            layout={state.layout}
            busy={list.loading}
            onPeopleChanged={list.reload}
            rows={page.items}
            selection={selection}
            onUpdate={(inv) =>
              list.setData(
                (p) => p && { ...p, items: p.items.map((r) => (r.id === inv.id ? inv : r)) },
              )
            }
          />
          {pager('Chuyển trang (cuối danh sách)')}
        </>
      )}
    </>
  );
}

function InvitationTable({
  campaign,
  layout,
  busy,
  onPeopleChanged,
  rows,
  selection,
  onUpdate,
}: {
  campaign: CampaignDetail;
  layout: number;
  busy: boolean;
  onPeopleChanged: () => void;
  rows: Invitation[];
  selection: Selection;
  onUpdate: (inv: Invitation) => void;
}) {
  const [tooMany, setTooMany] = useState(false);
  const isPicked = (id: string) => selection.all || selection.picked.has(id);
  const pageAll = rows.every((r) => isPicked(r.id));
  return (
    <>
      <label class="pick-page">
        <input
          type="checkbox"
          checked={pageAll}
          onChange={(e) => setTooMany(!selection.togglePage(rows, e.currentTarget.checked))}
        />
        Chọn cả trang
      </label>
      {tooMany && (
        <p class="notice" role="alert">
          Đã chọn quá nhiều người theo từng trang; hãy bấm "Chọn tất cả … người khớp bộ lọc".
        </p>
      )}
      <CardTable
        class="cards invitations"
        busy={busy}
        columns={[...PERSON_COLUMNS, 'Điện thoại', 'Trạng thái', num('Đã nhắc'), 'Thao tác']}
      >
        {rows.map((inv) => (
          <tr key={inv.id} class={isPicked(inv.id) ? 'picked' : undefined}>
            <PersonCells
              pick={
                <input
                  type="checkbox"
                  aria-label={`Chọn ${inv.name}`}
                  checked={isPicked(inv.id)}
                  onChange={(e) => selection.toggle(inv, e.currentTarget.checked)}
                />
              }
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
              {inv.status !== 'submitted' &&
                inv.status !== 'revoked' &&
                (inv.link || campaign.phase !== 'closed') && (
                  <p class="row-actions">
                    {inv.link && (
                      <a
                        class="button"
                        href={campaignApi(
                          campaign.id,
                          `/slips?ids=${encodeURIComponent(inv.id)}&layout=${layout}`,
                        )}
                        target="_blank"
                        rel="noopener"
                      >
                        In lại phiếu mời
                        <Who name={inv.name} />
                      </a>
                    )}
                    {/* For one who cannot answer online: the stub and the sheets, with a new serial. */}
                    {campaign.phase !== 'closed' && (
                      <a
                        class="button"
                        href={campaignApi(campaign.id, `/paper?ids=${encodeURIComponent(inv.id)}`)}
                        target="_blank"
                        rel="noopener"
                      >
                        In phiếu giấy
                        <Who name={inv.name} />
                      </a>
                    )}
                  </p>
                )}
              {campaign.phase !== 'closed' && (
                <PersonActions campaign={campaign} row={inv} onChanged={onPeopleChanged} />
              )}
            </td>
          </tr>
        ))}
      </CardTable>
    </>
  );
}
