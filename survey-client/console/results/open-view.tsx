import { campaignApi } from '../api';
import { count, percent } from '../format';
import { Link } from '../parts/link';
import { ErrorNotice, Loading } from '../parts/notice';
import { campaignPath } from '../router';
import type { Campaign, Tracking } from '../types';
import { useLoad } from '../use-load';
import { ResponseRates } from './rates';

/**
 * Before the campaign closes there is no score at all (docs/method.md §11, step 10: two results taken
 * around one known submission would reveal it): only the response counts.
 */
export function OpenView({ campaign }: { campaign: Campaign }) {
  const t = useLoad<Tracking>(campaignApi(campaign.id, '/tracking'));
  return (
    <>
      <p class="notice" role="status">
        {campaign.phase === 'open'
          ? 'Đợt khảo sát đang mở: chưa có điểm; chỉ xem được số phiếu.'
          : 'Đợt khảo sát chưa mở: chưa có điểm; chỉ xem được số phiếu.'}{' '}
        Điểm được tính sau khi đóng đợt khảo sát.
      </p>
      {t.error !== undefined && <ErrorNotice error={t.error} onRetry={t.reload} />}
      {t.loading && !t.data && <Loading />}
      {t.data && (
        <>
          <section aria-labelledby="counts-title">
            <h2 id="counts-title">Số phiếu đã nhận</h2>
            <dl class="stats">
              <div>
                <dt>Được mời</dt>
                <dd>{count(t.data.total.invited)}</dd>
              </div>
              <div>
                <dt>Đã gửi</dt>
                <dd>{count(t.data.total.submitted)}</dd>
              </div>
              <div>
                <dt>Tỷ lệ trả lời</dt>
                <dd>{percent(t.data.total.rate)}</dd>
              </div>
            </dl>
          </section>
          <section aria-labelledby="rates-title">
            <h2 id="rates-title">Tỷ lệ trả lời theo nhóm và đơn vị</h2>
            <ResponseRates tracking={t.data} />
            <p class="hint">
              Chi tiết từng ngày ở mục <Link href={campaignPath(campaign.id)}>Theo dõi</Link>.
            </p>
          </section>
        </>
      )}
    </>
  );
}
