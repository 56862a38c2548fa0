import { useState } from 'preact/hooks';
import type {
  NewSipasRun,
  SipasRun,
  SipasRunList,
} from '../../../../contract/console/sipas-analysis';
import { viPercent } from '../../../../contract/console/sipas-labels';
import { api, campaignApi } from '../../api';
import { count, vnDateTime } from '../../format';
import { CardTable, Cell, NameCell, num } from '../../parts/card-table';
import { useConfirm } from '../../parts/confirm';
import { Link } from '../../parts/link';
import { ErrorNotice } from '../../parts/notice';
import { navigate } from '../../router';
import { resultsPath } from '../paths';
import { LinkToPar } from './link-form';

export const runKind = (r: { official: boolean; lockedAt: string | null }) =>
  r.lockedAt ? 'Đã khóa' : r.official ? 'Chính thức' : 'Thử nghiệm';

/**
 * The SIPAS runs, newest first, and the three ways to make one: official with every day, a trial
 * without the flagged days, official without the flagged days (it says so in its method).
 */
export function SipasRuns({
  campaignId,
  list,
  selected,
  onCreated,
}: {
  campaignId: string;
  list: SipasRunList;
  selected: string | undefined;
  onCreated: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const create = async (body: NewSipasRun) => {
    setBusy(true);
    setError(null);
    try {
      const run = await api<SipasRun>('POST', campaignApi(campaignId, '/sipas/runs'), body);
      onCreated();
      navigate(resultsPath(campaignId, run.id));
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };
  return (
    <section aria-labelledby="sipas-runs-title">
      <h2 id="sipas-runs-title">Các lần tính kết quả</h2>
      <p class="lead">
        Lần tính chính thức có thể khóa để công bố và đưa vào Chỉ số CCHC; lần tính thử nghiệm chỉ
        để xem. Lần tính bỏ ngày có dấu hiệu ghi rõ các ngày đã bỏ.
      </p>
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => create({})}>
          Tính chính thức (mọi ngày)
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => create({ excludeFlagged: true, trial: true })}
        >
          Tính thử, bỏ ngày có dấu hiệu
        </button>
        <button type="button" disabled={busy} onClick={() => create({ excludeFlagged: true })}>
          Tính chính thức, bỏ ngày có dấu hiệu
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      {list.runs.length === 0 ? (
        <p>Chưa có lần tính nào.</p>
      ) : (
        <CardTable
          class="cards r-runs"
          caption="Các lần tính SIPAS, mới nhất trước"
          columns={['Lần tính', 'Loại', num('Số phiếu'), num('Ngày đã bỏ'), 'Dữ liệu']}
        >
          {list.runs.map((r) => (
            <tr key={r.id} class={r.id === selected ? 'r-selected' : undefined}>
              <NameCell>
                <Link href={resultsPath(campaignId, r.id)} current={r.id === selected}>
                  {vnDateTime(r.createdAt)}
                </Link>
                {r.id === selected && <small>Đang xem</small>}
              </NameCell>
              <Cell label="Loại">
                <span
                  class={`r-run-kind ${r.lockedAt ? 'r-locked' : r.official ? 'r-official' : 'r-trial'}`}
                >
                  {runKind(r)}
                </span>
              </Cell>
              <Cell label="Số phiếu" num>
                {count(r.forms)}
              </Cell>
              <Cell label="Ngày đã bỏ" num>
                {count(r.excludedDays)}
              </Cell>
              <Cell label="Dữ liệu">
                {r.current ? 'Hiện hành' : <span class="r-stale">Đã thay đổi sau lần tính</span>}
              </Cell>
            </tr>
          ))}
        </CardTable>
      )}
    </section>
  );
}

/**
 * One run: its words (what it included and left out), lock, the result of each unit, and once
 * locked, «Đưa vào Chỉ số CCHC» below the figures it would put in.
 */
export function SipasRunView({
  campaignId,
  run,
  onLocked,
  onLinked,
}: {
  campaignId: string;
  run: SipasRun;
  onLocked: (r: SipasRun) => void;
  /** A link into the PAR index was made or undone: the run's `links` changed. */
  onLinked: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { ask, dialog } = useConfirm();
  const flagged = run.method.flaggedIncluded ?? [];
  const lock = async () => {
    // Counting flagged days is a choice the publisher makes knowingly (qa7): ask first.
    if (
      flagged.length > 0 &&
      !(await ask({
        title: 'Khóa lần tính có ngày bất thường?',
        text: `Lần tính này tính cả ${count(flagged.length)} ngày có dấu hiệu bất thường (điểm × ngày, xem lời của lần tính). Kết quả khóa sẽ là kết quả công bố và đưa được vào Chỉ số CCHC; muốn bỏ các ngày đó, hãy dùng «Tính chính thức, bỏ ngày có dấu hiệu».`,
        ok: 'Khóa để công bố',
      }))
    )
      return;
    setBusy(true);
    setError(null);
    try {
      onLocked(
        await api<SipasRun>(
          'POST',
          campaignApi(campaignId, `/sipas/runs/${encodeURIComponent(run.id)}/lock`),
        ),
      );
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };
  // A withheld unit has no aspects: take the columns from a unit that is shown.
  const aspects = run.units.find((u) => !u.withheld)?.aspects ?? [];
  const k = run.method.minCellSize;
  const below = `dưới ${count(k)} phiếu`;
  const merged = run.units.some((u) => u.forms !== null && u.forms.poster === null);
  const channel = (n: number | null) => (n === null ? 'gộp' : count(n));
  return (
    <section class="panel" aria-labelledby="sipas-run-title">
      <h2 id="sipas-run-title">
        Kết quả lần tính {vnDateTime(run.createdAt)} <small>({runKind(run)})</small>
      </h2>
      <p class="sipas-method">{run.method.text}</p>
      {run.official && !run.lockedAt && (
        <div class="actions">
          <button type="button" disabled={busy || !run.current} onClick={lock}>
            Khóa để công bố
          </button>
          {!run.current && <span class="r-stale">Số liệu đã thay đổi: hãy tính lại.</span>}
        </div>
      )}
      {run.lockedAt && (
        <p>
          Đã khóa lúc {vnDateTime(run.lockedAt)}. Mã lần tính: {run.id}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {dialog}
      <CardTable
        class="cards sipas-units"
        caption="Chỉ số hài lòng theo đơn vị"
        columns={[
          'Đơn vị',
          num('Chỉ số hài lòng'),
          ...aspects.map((a) => num(a.name)),
          num('Số phiếu'),
          num('Áp phích'),
          num('Mã'),
          num('Giấy'),
        ]}
      >
        {run.units.map((u) =>
          u.withheld || u.forms === null ? (
            <tr key={u.unitCode} class="sipas-withheld">
              <NameCell>{u.unitName}</NameCell>
              <Cell label="Chỉ số hài lòng" num>
                <em>{below}</em>
              </Cell>
              {aspects.map((a) => (
                <Cell key={a.code} label={a.name} num>
                  —
                </Cell>
              ))}
              <Cell label="Số phiếu" num>
                {below}
              </Cell>
              <Cell label="Áp phích" num>
                —
              </Cell>
              <Cell label="Mã" num>
                —
              </Cell>
              <Cell label="Giấy" num>
                —
              </Cell>
            </tr>
          ) : (
            <tr key={u.unitCode}>
              <NameCell>{u.unitName}</NameCell>
              <Cell label="Chỉ số hài lòng" num>
                <strong>{viPercent(u.percent)}</strong>
              </Cell>
              {u.aspects.map((a) => (
                <Cell key={a.code} label={a.name} num>
                  {viPercent(a.percent)}
                </Cell>
              ))}
              <Cell label="Số phiếu" num>
                {count(u.forms.total)}
              </Cell>
              <Cell label="Áp phích" num>
                {channel(u.forms.poster)}
              </Cell>
              <Cell label="Mã" num>
                {channel(u.forms.code)}
              </Cell>
              <Cell label="Giấy" num>
                {channel(u.forms.paper)}
              </Cell>
            </tr>
          ),
        )}
      </CardTable>
      <p class="sipas-note">
        Đơn vị có {below} không công bố số liệu nào, để không ai đọc được câu trả lời của một người.
        {merged && ` «gộp»: không tách theo kênh vì có kênh từ 1 đến dưới ${count(k)} phiếu.`}
      </p>
      {run.lockedAt && run.official && <LinkToPar run={run} onChanged={onLinked} />}
    </section>
  );
}
