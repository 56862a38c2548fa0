import { useState } from 'preact/hooks';
import { actionName, describeDetails, parseDetails } from '../../../contract/console/audit-words';
import { count, vnDateTime } from '../format';
import { CardTable } from '../parts/card-table';
import { ErrorNotice, Loading } from '../parts/notice';
import { useOrganisations } from '../parts/organisations';
import type { Campaign } from '../types';
import { useLoad } from '../use-load';
import type { AuditRow } from './types';

export const AUDIT_PAGE = 50;

/**
 * The audit log, newest first, a page at a time: when (Vietnam time), who, what, in which
 * campaign, on what, details. One more line than a page is asked for, to know if there is a next.
 */
export function AuditLog() {
  const [page, setPage] = useState(0);
  const log = useLoad<AuditRow[]>(`/api/audit?limit=${AUDIT_PAGE + 1}&offset=${page * AUDIT_PAGE}`);
  const campaigns = useLoad<Campaign[]>('/api/campaigns');
  const names = new Map((campaigns.data ?? []).map((c) => [c.id, c.name]));
  // Each row's organisation, once there are sub-organisations to tell apart (issue #12).
  const parent = (useOrganisations().data?.length ?? 0) > 1;
  const rows = log.data?.slice(0, AUDIT_PAGE);
  const hasNext = (log.data?.length ?? 0) > AUDIT_PAGE;
  const go = (p: number) => {
    setPage(p);
    window.scrollTo?.(0, 0);
  };

  const pager = (where: string) => (
    <nav class="pager" aria-label={`Chuyển trang nhật ký (${where})`}>
      <button type="button" disabled={page === 0 || log.loading} onClick={() => go(page - 1)}>
        ← Mới hơn
      </button>
      <span aria-live="polite">
        Trang {count(page + 1)}
        {rows && rows.length > 0 && (
          <small>
            {' '}
            (dòng {count(page * AUDIT_PAGE + 1)}–{count(page * AUDIT_PAGE + rows.length)})
          </small>
        )}
      </span>
      <button type="button" disabled={!hasNext || log.loading} onClick={() => go(page + 1)}>
        Cũ hơn →
      </button>
    </nav>
  );

  return (
    <>
      <div class="title-row">
        <h2>Nhật ký hoạt động</h2>
        <a class="button" href="/api/audit.csv" download>
          Tải toàn bộ nhật ký (CSV)
        </a>
      </div>
      <p class="hint">
        Ai đã làm gì, lúc nào (giờ Việt Nam). Nhật ký không bao giờ chứa câu trả lời, đường dẫn hay
        mật khẩu. Việc tải nhật ký cũng được ghi lại.
      </p>
      {log.error !== undefined && <ErrorNotice error={log.error} onRetry={log.reload} />}
      {log.loading && !rows && <Loading />}
      {rows?.length === 0 && <p>{page === 0 ? 'Nhật ký chưa có dòng nào.' : 'Hết nhật ký.'}</p>}
      {rows && rows.length > 0 && (
        <>
          {pager('đầu bảng')}
          <CardTable
            class="cards audit"
            busy={log.loading}
            columns={[
              'Thời gian',
              'Người thực hiện',
              'Hành động',
              'Đợt khảo sát',
              'Đối tượng',
              'Chi tiết',
            ]}
          >
            {rows.map((r) => {
              const details = parseDetails(r.details);
              return (
                <tr key={r.id}>
                  <th scope="row" class="when">
                    {vnDateTime(r.at)}
                  </th>
                  <td data-label="Người thực hiện" class="email">
                    <span>
                      {r.userEmail ?? '—'}
                      {parent && r.organisationName && (
                        <small class="org">{r.organisationName}</small>
                      )}
                      {r.ip && <small class="ip">IP {r.ip}</small>}
                    </span>
                  </td>
                  <td data-label="Hành động" class="action">
                    {actionName(r.action, details)}
                  </td>
                  <td data-label="Đợt khảo sát">
                    {r.campaignId ? (names.get(r.campaignId) ?? r.campaignId) : '—'}
                  </td>
                  <td data-label="Đối tượng" class="target">
                    {r.targetName ?? r.target ?? '—'}
                  </td>
                  <td data-label="Chi tiết" class="details">
                    {details
                      ? describeDetails(r.action, details, vnDateTime) || '—'
                      : (r.details ?? '—')}
                  </td>
                </tr>
              );
            })}
          </CardTable>
          {pager('cuối bảng')}
        </>
      )}
      {rows?.length === 0 && page > 0 && (
        <button type="button" onClick={() => go(0)}>
          Về trang đầu
        </button>
      )}
    </>
  );
}
