import { campaignApi } from '../api';
import { count, vnDateTime } from '../format';
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
          <div class="table-wrap">
            <table class="cards invitations">
              <thead>
                <tr>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Nhóm</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Điện thoại</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Đã nhắc</th>
                  <th scope="col">Thao tác</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" class="name">
                      {r.name}
                    </th>
                    <td data-label="Nhóm">{r.group}</td>
                    <td data-label="Đơn vị" class="unit">
                      {r.unit}
                    </td>
                    <td data-label="Điện thoại" class="phone">
                      {r.phone ? <a href={`tel:${r.phone}`}>{r.phone}</a> : '—'}
                    </td>
                    <td data-label="Trạng thái">
                      <span class={`status ${r.status}`}>{r.statusName}</span>
                    </td>
                    <td data-label="Đã nhắc">
                      {r.reminders === 0
                        ? 'Chưa nhắc'
                        : `${count(r.reminders)} lần, gần nhất ${vnDateTime(r.lastReminderAt)}`}
                    </td>
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
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
