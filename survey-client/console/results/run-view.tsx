import { useState } from 'preact/hooks';
import { rankUnits } from '../../../analysis/charts';
import { api, campaignApi } from '../api';
import { vnDateTime } from '../format';
import { useConfirm } from '../parts/confirm';
import { Link } from '../parts/link';
import { Done, ErrorNotice, Loading } from '../parts/notice';
import { useLoad } from '../use-load';
import { ComparePanel } from './compare';
import { runStatus } from './format';
import { MethodBlock } from './method';
import { commentsPath, runApi, unitReportPath } from './paths';
import { SelfAssessmentPanel } from './self-assessment';
import { IndexSummaries, unitsByIndex } from './summary';
import type { Definition, Distributions, ResultsDocument, RunSummary } from './types';
import { UnitDetail } from './unit-detail';

/** One run's results: standing and lock, the indexes at a glance, a unit in detail, method, files. */
export function RunView({
  campaignId,
  runId,
  summary,
  definition,
  unitKinds,
  onLocked,
}: {
  campaignId: string;
  runId: string;
  /** The run's row in the list (whether its data is still the campaign's). */
  summary: RunSummary | undefined;
  definition: Definition | undefined;
  /** unit code → kind (xa, phuong…): an index of several kinds can be ranked one kind at a time. */
  unitKinds?: ReadonlyMap<string, string>;
  onLocked: () => void;
}) {
  const loaded = useLoad<ResultsDocument>(runApi(campaignId, runId));
  const dist = useLoad<Distributions>(runApi(campaignId, runId, '/distributions'));
  const doc = loaded.data;
  if (!doc || doc.method.runId !== runId)
    return loaded.error !== undefined ? (
      <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
    ) : (
      <Loading what="Đang tải kết quả…" />
    );
  const m = doc.method;
  return (
    <div class="r-run">
      <section class="panel r-run-head" aria-labelledby="run-title">
        <h2 id="run-title">
          Kết quả lần tính {vnDateTime(m.createdAt)}
          <span
            class={`r-run-kind ${m.locked ? 'r-locked' : m.official ? 'r-official' : 'r-trial'}`}
          >
            {runStatus(m)}
          </span>
        </h2>
        {m.trial && (
          <p class="notice">
            Lần tính thử nghiệm (cách tính khác với đợt khảo sát): chỉ để xem và so sánh, không khóa
            hay công bố được.
          </p>
        )}
        {doc.withheld.length > 0 && (
          <p class="notice" role="note">
            Lần tính thử này gộp nhóm hoặc dùng thang điểm khác với cách tính của đợt, nên không
            hiện {doc.withheld.length} đơn vị có nhóm dưới {m.minCellSize} phiếu (đặt cạnh lần tính
            chính thức, điểm của đơn vị sẽ lộ ý kiến của nhóm ít người đó):{' '}
            {doc.withheld.map((u) => u.name).join(', ')}.
          </p>
        )}
        <LockAction
          campaignId={campaignId}
          doc={doc}
          summary={summary}
          onLocked={(next) => {
            loaded.setData(() => next);
            onLocked();
          }}
        />
      </section>
      <IndexSummaries doc={doc} definition={definition} unitKinds={unitKinds} />
      <UnitPanel doc={doc} definition={definition} dist={dist.data} distError={dist.error} />
      <ComparePanel campaignId={campaignId} runId={runId} />
      <SelfAssessmentPanel campaignId={campaignId} />
      <section class="panel" aria-labelledby="method-title">
        <h2 id="method-title">Phương pháp tính</h2>
        <MethodBlock doc={doc} definition={definition} />
      </section>
      <Exports campaignId={campaignId} doc={doc} definition={definition} />
    </div>
  );
}

/** "Khóa để công bố": only an official run whose submissions are still the campaign's. */
function LockAction({
  campaignId,
  doc,
  summary,
  onLocked,
}: {
  campaignId: string;
  doc: ResultsDocument;
  summary: RunSummary | undefined;
  onLocked: (doc: ResultsDocument) => void;
}) {
  const { ask, dialog } = useConfirm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const m = doc.method;
  if (m.trial) return null;
  if (m.locked)
    return done ? (
      <Done>Đã khóa lần tính này để công bố.</Done>
    ) : (
      <p class="r-locked-note">
        Đã khóa để công bố lúc {vnDateTime(m.lockedAt)}
        {summary?.lockedBy ? ` (${summary.lockedBy})` : ''}.
      </p>
    );
  const current = summary?.current === true;
  const lock = async () => {
    const yes = await ask({
      title: 'Khóa lần tính này để công bố?',
      text: `Kết quả của lần tính ${vnDateTime(m.createdAt)} (${doc.submissionCount} phiếu) sẽ là kết quả công bố của đợt khảo sát và không sửa được nữa. Việc khóa được ghi vào nhật ký.`,
      ok: 'Khóa để công bố',
    });
    if (!yes) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api<ResultsDocument>('POST', runApi(campaignId, m.runId, '/lock'));
      setDone(true);
      onLocked(next);
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };
  return (
    <div class="r-lock">
      <button type="button" class="primary" disabled={busy || !current} onClick={lock}>
        Khóa để công bố
      </button>
      {summary && !current && (
        <p class="hint">
          Dữ liệu đã thay đổi sau lần tính này (dấu vân tay không còn khớp): hãy chạy tính điểm lại
          rồi khóa lần tính mới.
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {dialog}
    </div>
  );
}

/** A unit chosen from the run, in detail; its printable report is one link away. */
function UnitPanel({
  doc,
  definition,
  dist,
  distError,
}: {
  doc: ResultsDocument;
  definition: Definition | undefined;
  dist: Distributions | undefined;
  distError: unknown;
}) {
  const groups = unitsByIndex(doc, definition);
  // The best-ranked commune first: the district's fields are already on its card above.
  const many = groups.find((g) => g.units.length > 1);
  const [code, setCode] = useState(
    (many ? rankUnits(many.units)[0]?.code : groups[0]?.units[0]?.code) ?? '',
  );
  const unit = doc.units.find((u) => u.code === code) ?? doc.units[0];
  if (!unit) return <p>Lần tính này không có đơn vị nào.</p>;
  const peers = doc.units.filter((u) => u.index === unit.index);
  const rank =
    peers.length > 1
      ? (rankUnits(peers).find((u) => u.code === unit.code)?.rank ?? null)
      : undefined;
  return (
    <section class="panel" aria-labelledby="unit-title">
      <h2 id="unit-title">Chi tiết đơn vị</h2>
      <label class="r-inline-select">
        Đơn vị
        <select value={unit.code} onChange={(e) => setCode(e.currentTarget.value)}>
          {groups.map((g) => (
            <optgroup key={g.code} label={g.name}>
              {g.units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <p>
        <Link href={unitReportPath(doc.campaign.id, doc.method.runId, unit.code)}>
          Mở báo cáo để in: {unit.name}
        </Link>
      </p>
      {distError !== undefined && <ErrorNotice error={distError} />}
      <UnitDetail
        key={unit.code}
        unit={unit}
        definition={definition}
        k={doc.method.minCellSize}
        rank={rank}
        distributions={dist?.rows.filter((r) => r.unitCode === unit.code)}
      />
    </section>
  );
}

/** The run's files, and the campaign's raw answers and comments (exports are audited). */
function Exports({
  campaignId,
  doc,
  definition,
}: {
  campaignId: string;
  doc: ResultsDocument;
  definition: Definition | undefined;
}) {
  const run = (ext: string, index?: string) =>
    runApi(
      campaignId,
      doc.method.runId,
      `/export.${ext}${index ? `?index=${encodeURIComponent(index)}` : ''}`,
    );
  const raw = (rest: string) => campaignApi(campaignId, rest);
  const indexes = unitsByIndex(doc, definition);
  return (
    <section class="panel" aria-labelledby="exports-title">
      <h2 id="exports-title">Tải về</h2>
      <h3>Kết quả lần tính này</h3>
      {indexes.length > 1 && <p class="hint">Mọi chỉ số trong một tệp:</p>}
      <p class="exports">
        <a class="button" href={run('xlsx')} download>
          Excel (.xlsx)
        </a>
        <a class="button" href={run('csv')} download>
          CSV (.csv)
        </a>
        <a class="button" href={run('json')} download>
          JSON (.json)
        </a>
      </p>
      {indexes.length > 1 &&
        indexes.map((i) => (
          <div key={i.code} class="r-index-exports">
            <p class="hint">
              Riêng {i.name} ({i.units.length} đơn vị):
            </p>
            <p class="exports">
              <a
                class="button"
                href={run('xlsx', i.code)}
                download
                aria-label={`Excel (.xlsx), riêng ${i.name}`}
              >
                Excel (.xlsx)
              </a>
              <a
                class="button"
                href={run('csv', i.code)}
                download
                aria-label={`CSV (.csv), riêng ${i.name}`}
              >
                CSV (.csv)
              </a>
            </p>
          </div>
        ))}
      <h3>Dữ liệu thô của đợt khảo sát</h3>
      <p class="hint">
        Không có tên, thời gian hay thông tin cá nhân; bỏ các đơn vị × nhóm dưới{' '}
        {doc.method.minCellSize} phiếu (bảng mã ghi rõ). Tệp quá lớn được chia thành nhiều phần.
      </p>
      <p class="exports">
        <a class="button" href={raw('/raw-answers.xlsx')} download>
          Dữ liệu thô (.xlsx)
        </a>
        <a class="button" href={raw('/raw-answers.csv?part=1')} download>
          Dữ liệu thô (.csv)
        </a>
        <a class="button" href={raw('/raw-answers-codebook.csv')} download>
          Bảng mã (.csv)
        </a>
      </p>
      <h3>Ý kiến góp ý</h3>
      <p class="exports">
        <a class="button" href={raw('/comments.csv')} download>
          Ý kiến đã duyệt (.csv)
        </a>
        <Link href={commentsPath(campaignId)} class="button">
          Duyệt ý kiến
        </Link>
      </p>
    </section>
  );
}
