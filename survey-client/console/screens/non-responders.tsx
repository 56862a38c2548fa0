import { campaignApi } from '../api';
import { count, vnDateTime } from '../format';
import { CardTable, Cell, PERSON_COLUMNS, PersonCells, StatusCell } from '../parts/card-table';
import { ErrorNotice, Loading } from '../parts/notice';
import { ReminderButton } from '../parts/reminder';
import type { NonResponder } from '../types';
import { useLoad } from '../use-load';

/** Everyone invited who has not submitted yet, with how often they were reminded: the call list. */
export function NonResponders({ campaignId }: { campaignId: string }) {
  const list = useLoad<NonResponder[]>(campaignApi(campaignId, '/non-responders'));
  const rows = list.data;
  return (
    <>
      <p class="exports">
        <a class="button" href={campaignApi(campaignId, '/non-responders?format=csv')} download>
          Tải danh sách người chưa trả lời (CSV)
        </a>
      </p>
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.loading && !rows && <Loading />}
      {rows?.length === 0 && <p>Mọi người được mời đã gửi phiếu.</p>}
      {rows && rows.length > 0 && (
        <>
          <p class="hint">{count(rows.length)} người chưa gửi phiếu</p>
          <CardTable
            class="cards invitations"
            columns={[...PERSON_COLUMNS, 'Điện thoại', 'Trạng thái', 'Đã nhắc', 'Thao tác']}
          >
            {rows.map((r) => (
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
                      list.setData((all) =>
                        all?.map((x) =>
                          x.id === r.id
                            ? {
                                ...x,
                                reminders: x.reminders + 1,
                                lastReminderAt: new Date().toISOString(),
                              }
                            : x,
                        ),
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
