import { useState } from 'preact/hooks';
import { campaignApi, query } from '../api';
import { count } from '../format';
import { GroupUnitFilter } from '../parts/group-unit-filter';
import { ErrorNotice, Loading } from '../parts/notice';
import type { CampaignDetail, InvitationPage } from '../types';
import { useLoad } from '../use-load';

/** server/paper/routes.ts: MAX_FORMS_PER_PRINT. */
const MAX_PER_PRINT = 200;
/** Who gets a paper form: invited and not yet submitted or revoked (as the print page filters). */
const PRINTABLE = 'not_opened,opened,in_progress';

/**
 * "In phiếu giấy": the print page (stub + answer sheets with a fresh serial, per person) for a
 * group and/or unit, opened in a new tab. How many forms that makes is counted first, so the
 * officer never opens a page the server would refuse (over 200) or that would be empty.
 */
export function PaperPrint({
  campaign,
  blocked,
}: {
  campaign: CampaignDetail;
  blocked: string | null;
}) {
  const [group, setGroup] = useState('');
  const [unit, setUnit] = useState('');
  // Only the count is needed: one row of the page, and its total.
  const people = useLoad<InvitationPage>(
    blocked
      ? null
      : campaignApi(
          campaign.id,
          `/invitations${query({ status: PRINTABLE, group, unit, pageSize: '1' })}`,
        ),
  );
  const n = people.data?.total;
  const href = campaignApi(campaign.id, `/paper${query({ group, unit })}`);
  const ok = n !== undefined && n > 0 && n <= MAX_PER_PRINT && !people.loading;

  return (
    <section aria-labelledby="print-title">
      <h2 id="print-title">In phiếu giấy</h2>
      <p class="hint">
        Cho người không trả lời trực tuyến được. Mỗi người một bộ: cuống phiếu (họ tên, mã QR, mã
        phiếu giấy) và các tờ trả lời của nhóm mình, mang một số phiếu mới không gắn với ai. Chỉ in
        cho người chưa gửi phiếu. Mỗi lần in tạo số phiếu mới: chỉ in khi cần phát phiếu, không in
        thử.
      </p>
      {blocked ? (
        <p class="notice" role="status">
          {blocked}
        </p>
      ) : (
        <>
          <div class="filters">
            <GroupUnitFilter
              campaign={campaign}
              group={group}
              unit={unit}
              onGroup={setGroup}
              onUnit={setUnit}
            />
          </div>
          {people.error !== undefined && (
            <ErrorNotice error={people.error} onRetry={people.reload} />
          )}
          {people.loading && <Loading what="Đang đếm số người sẽ được in phiếu…" />}
          {n !== undefined && !people.loading && (
            <p class="print-count" role="status">
              {n === 0
                ? 'Không có ai cần in phiếu giấy theo bộ lọc này (mọi người đã gửi phiếu hoặc đã bị thu hồi đường dẫn).'
                : n > MAX_PER_PRINT
                  ? `${count(n)} người: mỗi lần in tối đa ${count(MAX_PER_PRINT)} phiếu giấy; hãy lọc theo nhóm hoặc đơn vị.`
                  : `Sẽ in ${count(n)} phiếu giấy (mỗi người một bộ).`}
            </p>
          )}
          <p class="exports">
            {ok ? (
              <a class="button primary" href={href} target="_blank" rel="noopener">
                Mở trang in phiếu giấy ({count(n ?? 0)} người)
              </a>
            ) : (
              <button type="button" disabled>
                Mở trang in phiếu giấy
              </button>
            )}
          </p>
        </>
      )}
    </section>
  );
}
