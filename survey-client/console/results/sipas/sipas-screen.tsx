import type {
  SipasDays,
  SipasRun,
  SipasRunList,
} from '../../../../contract/console/sipas-analysis';
import { campaignApi } from '../../api';
import { ErrorNotice, Loading } from '../../parts/notice';
import type { Campaign, CampaignDetail } from '../../types';
import { useLoad } from '../../use-load';
import { DaysTable } from './days-table';
import { SipasRuns, SipasRunView } from './runs';
import { SampleSizeWidget } from './sample-size';

/**
 * "Hài lòng (SIPAS)": the results tab of a SIPAS campaign (analysts and admins). The days table
 * with its flags at any time (the share satisfied once closed); once closed, the runs with and
 * without flagged days and the chosen run's result per unit. The sample-size helper below.
 */
export function SipasResultsScreen({
  campaign,
  run,
}: {
  campaign: Campaign | CampaignDetail;
  run?: string;
}) {
  const days = useLoad<SipasDays>(campaignApi(campaign.id, '/sipas/days'));
  const closed = campaign.phase === 'closed';
  return (
    <>
      <h2 class="sipas-title">Hài lòng (SIPAS)</h2>
      {days.error !== undefined && <ErrorNotice error={days.error} onRetry={days.reload} />}
      {!days.data && days.loading && <Loading />}
      {days.data && <DaysTable days={days.data} />}
      {closed ? (
        <ClosedRuns campaignId={campaign.id} run={run} />
      ) : (
        <p class="notice">Kết quả theo đơn vị được tính sau khi đóng đợt khảo sát.</p>
      )}
      <SampleSizeWidget />
    </>
  );
}

function ClosedRuns({ campaignId, run }: { campaignId: string; run?: string }) {
  const runs = useLoad<SipasRunList>(campaignApi(campaignId, '/sipas/runs'));
  const list = runs.data;
  const selected =
    run ?? (list ? (list.runs.find((r) => r.lockedAt) ?? list.runs[0])?.id : undefined);
  const one = useLoad<SipasRun>(
    selected ? campaignApi(campaignId, `/sipas/runs/${encodeURIComponent(selected)}`) : null,
  );
  return (
    <>
      {runs.error !== undefined && <ErrorNotice error={runs.error} onRetry={runs.reload} />}
      {list && (
        <SipasRuns
          campaignId={campaignId}
          list={list}
          selected={selected}
          onCreated={runs.reload}
        />
      )}
      {one.error !== undefined && <ErrorNotice error={one.error} onRetry={one.reload} />}
      {one.data && one.data.id === selected && (
        <SipasRunView
          campaignId={campaignId}
          run={one.data}
          onLocked={(r) => {
            one.setData(() => r);
            runs.reload();
          }}
          onLinked={one.reload}
        />
      )}
    </>
  );
}
