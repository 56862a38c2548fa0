import { campaignApi } from '../api';
import { count, vnDateTime } from '../format';
import { CardTable, Cell, PERSON_COLUMNS, PersonCells, StatusCell } from '../parts/card-table';
import { Pager } from '../parts/list-controls';
import { filterQuery, type ListState, listQuery, useClampPage } from '../parts/list-state';
import { ErrorNotice, Loading } from '../parts/notice';
import { ReminderButton } from '../parts/reminder';
import type { NonResponderPage } from '../types';
import { useLoad } from '../use-load';

/**
 * Everyone invited who has not submitted yet, with how often they were reminded: the call list,
 * a page at a time with the screen's search and filters. The CSV has every matching person.
 */
export function NonResponders({
  campaignId,
  state,
  update,
}: {
  campaignId: string;
  state: ListState;
  update: (patch: Partial<ListState>) => void;
}) {
  const list = useLoad<NonResponderPage>(
    campaignApi(campaignId, `/non-responders${listQuery(state)}`),
  );
  const page = list.data;
  useClampPage(page, update);
  const filters = filterQuery(state);
  const csv = `/non-responders${filters}${filters ? '&' : '?'}format=csv`;
  const filtered = filters !== '';
  return (
    <>
      <p class="exports">
        <a class="button" href={campaignApi(campaignId, csv)} download>
          {filtered
            ? 'Tải danh sách người chưa trả lời theo bộ lọc (CSV)'
            : 'Tải danh sách người chưa trả lời (CSV)'}
        </a>
      </p>
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.loading && !page && <Loading />}
      {page?.total === 0 &&
        (filtered ? (
          <p>Không có người chưa trả lời nào khớp với bộ lọc.</p>
        ) : (
          <p>Mọi người được mời đã gửi phiếu.</p>
        ))}
      {page && page.total > 0 && (
        <>
          <p class="hint">{count(page.total)} người chưa gửi phiếu</p>
          <Pager
            label="Chuyển trang"
            page={state.page}
            pageSize={state.pageSize}
            total={page.total}
            onPage={(p) => update({ page: p })}
            onPageSize={(pageSize) => update({ pageSize })}
          />
          <CardTable
            class="cards invitations"
            busy={list.loading}
            columns={[...PERSON_COLUMNS, 'Điện thoại', 'Trạng thái', 'Đã nhắc', 'Thao tác']}
          >
            {page.items.map((r) => (
              <tr key={r.id}>
                <PersonCells name={r.name} group={r.group} unit={r.unit} phone={r.phone} />
                <StatusCell status={r.status} name={r.statusName} />
                <Cell label="Đã nhắc">
                  {r.reminders === 0
                    ? 'Chưa nhắc'
                    : `${count(r.reminders)} lần, gần nhất ${vnDateTime(r.lastReminderAt)}`}
                </Cell>
                <td class="actions-cell">
                  <ReminderButton
                    campaignId={campaignId}
                    invitationId={r.id}
                    name={r.name}
                    onRecorded={() =>
                      list.setData(
                        (p) =>
                          p && {
                            ...p,
                            items: p.items.map((x) =>
                              x.id === r.id
                                ? {
                                    ...x,
                                    reminders: x.reminders + 1,
                                    lastReminderAt: new Date().toISOString(),
                                  }
                                : x,
                            ),
                          },
                      )
                    }
                  />
                </td>
              </tr>
            ))}
          </CardTable>
        </>
      )}
    </>
  );
}
