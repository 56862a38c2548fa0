import { useState } from 'preact/hooks';
import type { SipasPaperDesk } from '../../../contract/console/sipas-analysis';
import type { CollectionPoint } from '../../../contract/console/sipas-points';
import { campaignApi, query } from '../api';
import { count } from '../format';
import { ErrorNotice, Loading } from '../parts/notice';
import type { CampaignDetail } from '../types';
import { useLoad } from '../use-load';
import { SipasPaperEntry } from './paper-entry';
import { printPlan } from './paper-model';
import '../styles/sticky-bar.css';
import '../paper/paper.css';
import './sipas.css';

type View = 'print' | 'entry';

/**
 * «Phiếu giấy» of a SIPAS campaign (issue #14.5): the household sample and the desks that hand
 * out paper print the form with a serial a copy, then type the returned forms in; they count
 * apart, channel «Giấy».
 */
export function SipasPaperScreen({ campaign }: { campaign: CampaignDetail }) {
  const desk = useLoad<SipasPaperDesk>(campaignApi(campaign.id, '/sipas/paper'));
  const points = useLoad<CollectionPoint[]>(campaignApi(campaign.id, '/points'));
  const [view, setView] = useState<View>('print');
  // A failed reload after a save keeps the form (and the sitting's count) on screen.
  if (desk.error !== undefined && !desk.data)
    return <ErrorNotice error={desk.error} onRetry={desk.reload} />;
  if (points.error !== undefined)
    return <ErrorNotice error={points.error} onRetry={points.reload} />;
  if (!desk.data || !points.data) return <Loading />;
  const d = desk.data;
  return (
    <>
      <fieldset class="segmented">
        <legend class="sr-only">Phiếu giấy</legend>
        {(
          [
            ['print', 'In phiếu giấy'],
            ['entry', 'Nhập phiếu giấy'],
          ] as const
        ).map(([v, label]) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {label}
          </button>
        ))}
      </fieldset>
      <p class="hint" role="status">
        Đã nhập {count(d.entered)} phiếu giấy trong đợt khảo sát
        {d.waiting > 0 ? `; ${count(d.waiting)} phiếu đã in chưa nhập` : ''}.
      </p>
      {view === 'print' ? (
        <PrintForms campaign={campaign} desk={d} points={points.data} />
      ) : campaign.phase === 'not_open' ? (
        <p class="notice" role="status">
          Đợt khảo sát chưa mở: phiếu giấy chỉ được nhập khi đợt khảo sát đã mở.
        </p>
      ) : d.locked ? (
        <p class="notice" role="status">
          Kết quả SIPAS của đợt đã được khóa để công bố: không nhập thêm phiếu giấy.
        </p>
      ) : points.data.length === 0 ? (
        <p class="notice" role="status">
          Đợt khảo sát chưa có điểm thu thập nào: hãy thêm điểm ở mục «Điểm thu thập» trước khi nhập
          phiếu giấy.
        </p>
      ) : (
        <SipasPaperEntry campaign={campaign} desk={d} points={points.data} onSaved={desk.reload} />
      )}
    </>
  );
}

/** How many copies, for which point (optional), the page count said, then the print page. */
function PrintForms({
  campaign,
  desk,
  points,
}: {
  campaign: CampaignDetail;
  desk: SipasPaperDesk;
  points: CollectionPoint[];
}) {
  const [copies, setCopies] = useState('20');
  const [point, setPoint] = useState('');
  const plan = printPlan(copies, desk.pagesPerForm, desk.maxCopies);
  const href = campaignApi(
    campaign.id,
    `/sipas/paper/print${query({ copies: plan.ok ? String(plan.copies) : '', point })}`,
  );
  return (
    <section class="sipas-print" aria-labelledby="sipas-print-title">
      <h2 id="sipas-print-title">In phiếu giấy</h2>
      <p class="hint">
        Cho khảo sát hộ gia đình theo mẫu và cho người không dùng điện thoại. Mỗi bản là một phiếu
        A4 {count(desk.pagesPerForm)} trang với đủ các câu hỏi của bộ câu hỏi và một số phiếu mới in
        ở góc trên mỗi trang; số phiếu không gắn với ai. Mỗi lần in tạo số phiếu mới: chỉ in khi cần
        phát phiếu, không in thử. Số hộ cần khảo sát: «Tính cỡ mẫu» ở mục «Hài lòng (SIPAS)» (người
        phân tích, quản trị).
      </p>
      {campaign.phase === 'closed' ? (
        <p class="notice" role="status">
          Đợt khảo sát đã kết thúc: không in thêm phiếu giấy.
        </p>
      ) : (
        <>
          <div class="filters">
            <label>
              Số bản in
              <input
                type="number"
                inputMode="numeric"
                min={1}
                max={desk.maxCopies}
                value={copies}
                aria-invalid={plan.ok ? undefined : true}
                aria-describedby="sipas-print-count"
                onInput={(e) => setCopies(e.currentTarget.value)}
              />
            </label>
            <label>
              Điểm thu thập in sẵn trên phiếu (không bắt buộc)
              <select value={point} onChange={(e) => setPoint(e.currentTarget.value)}>
                <option value="">— Để trống, người phát phiếu ghi tay —</option>
                {points.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} — {p.unitName}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p id="sipas-print-count" class={plan.ok ? 'print-count' : 'notice error'} role="status">
            {plan.message}
          </p>
          <p class="exports">
            {plan.ok ? (
              <a class="button primary" href={href} target="_blank" rel="noopener">
                Mở trang in ({count(plan.copies)} bản, {count(plan.pages)} trang)
              </a>
            ) : (
              <button type="button" disabled>
                Mở trang in
              </button>
            )}
          </p>
        </>
      )}
    </section>
  );
}
