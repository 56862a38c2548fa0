import { useEffect } from 'preact/hooks';
import { rankUnits } from '../../../analysis/charts';
import { campaignApi } from '../api';
import { vnDateTime } from '../format';
import { Link } from '../parts/link';
import { ErrorNotice, Loading } from '../parts/notice';
import { type CampaignDetail, isAnalyst, type User } from '../types';
import { useLoad } from '../use-load';
import { runStatus } from './format';
import { MethodBlock } from './method';
import { indexOf } from './names';
import { resultsPath, runApi } from './paths';
import type { DefinitionReply, Distributions, ResultsDocument } from './types';
import { UnitDetail } from './unit-detail';

/**
 * One unit's results as a page to print (A4, no navigation: results.css, @media print), with
 * the run's method and fingerprint written on it, so a printout says how it was computed.
 */
export function UnitReport({
  id,
  run,
  unit: code,
  user,
}: {
  id: string;
  run: string;
  unit: string;
  user: User;
}) {
  const allowed = isAnalyst(user.role);
  const campaign = useLoad<CampaignDetail>(allowed ? campaignApi(id) : null);
  const def = useLoad<DefinitionReply>(allowed ? campaignApi(id, '/definition') : null);
  const doc = useLoad<ResultsDocument>(allowed ? runApi(id, run) : null);
  const dist = useLoad<Distributions>(allowed ? runApi(id, run, '/distributions') : null);
  const unit = doc.data?.units.find((u) => u.code === code);
  const title = unit ? `Báo cáo kết quả khảo sát — ${unit.name}` : null;
  useEffect(() => {
    if (!title) return;
    // The title names the PDF a browser prints to.
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  const back = (
    <p class="crumbs r-no-print">
      <Link href={resultsPath(id, run)}>← Kết quả của lần tính</Link>
    </p>
  );
  if (!allowed)
    return (
      <>
        <p class="crumbs">
          <Link href="/console">← Các đợt khảo sát</Link>
        </p>
        <p class="notice error" role="alert">
          Tài khoản của Ông/Bà không có quyền xem mục này.
        </p>
      </>
    );
  const error = doc.error ?? campaign.error;
  if (error !== undefined)
    return (
      <>
        {back}
        <ErrorNotice error={error} onRetry={doc.reload} />
      </>
    );
  if (!doc.data || !campaign.data) return <Loading what="Đang tải báo cáo…" />;
  if (!unit)
    return (
      <>
        {back}
        <p class="notice error" role="alert">
          Lần tính này không có đơn vị "{code}".
        </p>
      </>
    );
  const d = doc.data;
  const m = d.method;
  const definition = def.data?.definition;
  const peers = d.units.filter((u) => u.index === unit.index);
  const rank =
    peers.length > 1
      ? (rankUnits(peers).find((u) => u.code === unit.code)?.rank ?? null)
      : undefined;
  return (
    <article class="r-report">
      {back}
      <div class="r-no-print actions r-report-actions">
        <button type="button" class="primary" onClick={() => window.print()}>
          In báo cáo
        </button>
        <span class="hint">Khổ A4; trình duyệt có thể lưu thành tệp PDF.</span>
      </div>
      <header class="r-report-head">
        <p class="r-report-campaign">{campaign.data.name}</p>
        <h1 class="r-title">
          Báo cáo kết quả khảo sát
          <span>{unit.name}</span>
        </h1>
        <p class="meta">
          <span>{indexOf(definition, unit.index)?.name ?? unit.index}</span>
          <span>
            Lần tính {vnDateTime(m.createdAt)}: {runStatus(m)}
          </span>
          <span>
            Mã lần tính <code>{m.runId}</code>
          </span>
        </p>
        <p class="meta r-fingerprint-line">
          Dấu vân tay dữ liệu: <code class="r-fingerprint">{d.fingerprint}</code>
        </p>
      </header>
      {m.trial && (
        <p class="notice">
          Lần tính thử nghiệm (cách tính khác với đợt khảo sát): không phải kết quả công bố.
        </p>
      )}
      {!m.trial && !m.locked && (
        <p class="notice">Lần tính chính thức chưa khóa: kết quả có thể còn được tính lại.</p>
      )}
      {dist.error !== undefined && <ErrorNotice error={dist.error} />}
      <UnitDetail
        unit={unit}
        definition={definition}
        k={m.minCellSize}
        rank={rank}
        distributions={dist.data?.rows.filter((r) => r.unitCode === unit.code)}
        level={2}
        print
      />
      <section class="r-report-method">
        <h2>Phương pháp tính</h2>
        <MethodBlock doc={d} definition={definition} />
      </section>
      <p class="hint r-printed">
        In từ hệ thống khảo sát CCHC lúc {vnDateTime(new Date().toISOString())}.
      </p>
    </article>
  );
}
