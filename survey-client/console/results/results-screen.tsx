import { campaignApi } from '../api';
import { ErrorNotice, Loading } from '../parts/notice';
import type { Campaign, CampaignDetail, Tracking } from '../types';
import { useLoad } from '../use-load';
import { OpenView } from './open-view';
import { ResponseRates } from './rates';
import { RunView } from './run-view';
import { Runs } from './runs';
import { SipasResultsScreen } from './sipas/sipas-screen';
import type { DefinitionReply, RunList, RunSummary } from './types';

/**
 * The run shown when the address names none: the last locked one (what was published), else
 * the newest official one on the current data, else the newest official one, else the newest.
 */
export function defaultRun(runs: readonly RunSummary[]): RunSummary | undefined {
  return (
    runs.find((r) => r.locked) ??
    runs.find((r) => r.official && r.current) ??
    runs.find((r) => r.official) ??
    runs[0]
  );
}

/** unit code → kind, from the campaign's units when the console has them. */
const unitKinds = (campaign: Campaign | CampaignDetail) =>
  new Map(('units' in campaign ? (campaign.units ?? []) : []).map((u) => [u.code, u.kind]));

/**
 * "Kết quả" (analysts and admins): while the campaign is open, response counts only; once it is
 * closed, the scoring runs and the chosen run's results.
 */
export function ResultsScreen({
  campaign,
  run,
}: {
  campaign: Campaign | CampaignDetail;
  run?: string;
}) {
  // A SIPAS campaign (issue #14) has its own results: days, flags, runs per unit.
  if (campaign.kind === 'sipas') return <SipasResultsScreen campaign={campaign} run={run} />;
  if (campaign.phase !== 'closed') return <OpenView campaign={campaign} />;
  return <ClosedView campaign={campaign} run={run} />;
}

function ClosedView({ campaign, run }: { campaign: Campaign | CampaignDetail; run?: string }) {
  const runs = useLoad<RunList>(campaignApi(campaign.id, '/runs'));
  const def = useLoad<DefinitionReply>(campaignApi(campaign.id, '/definition'));
  const tracking = useLoad<Tracking>(campaignApi(campaign.id, '/tracking'));
  const definition = def.data?.definition;
  const list = runs.data;
  const selected = run ?? (list ? defaultRun(list.runs)?.id : undefined);
  return (
    <>
      {runs.error !== undefined && <ErrorNotice error={runs.error} onRetry={runs.reload} />}
      {def.error !== undefined && <ErrorNotice error={def.error} onRetry={def.reload} />}
      {!list && runs.loading && <Loading />}
      {list && (
        <Runs
          campaignId={campaign.id}
          list={list}
          selected={selected}
          definition={definition}
          onCreated={runs.reload}
        />
      )}
      {selected && (
        <RunView
          key={selected}
          campaignId={campaign.id}
          runId={selected}
          summary={list?.runs.find((r) => r.id === selected)}
          definition={definition}
          unitKinds={unitKinds(campaign)}
          onLocked={runs.reload}
        />
      )}
      {tracking.data && (
        <section class="panel" aria-labelledby="rates-title">
          <h2 id="rates-title">Tỷ lệ trả lời theo nhóm và đơn vị</h2>
          <ResponseRates tracking={tracking.data} />
        </section>
      )}
    </>
  );
}
