import { useState } from 'preact/hooks';
import { api, campaignApi } from '../api';
import { count, vnDateTime } from '../format';
import { CardTable, num } from '../parts/card-table';
import { Link } from '../parts/link';
import { ErrorNotice } from '../parts/notice';
import { navigate } from '../router';
import { EMPTY_NAMES, runStatus, settingsLine, WEIGHTING_NAMES } from './format';
import { resultsPath } from './paths';
import type { Definition, ResultsDocument, RunList, RunSummary, TrialMethod } from './types';

/**
 * The campaign's scoring runs, newest first, and the two ways to make one: "Chạy tính điểm"
 * with the campaign's method (official) and a trial with other settings.
 */
export function Runs({
  campaignId,
  list,
  selected,
  definition,
  onCreated,
}: {
  campaignId: string;
  list: RunList;
  selected: string | undefined;
  definition: Definition | undefined;
  onCreated: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const create = async (method?: TrialMethod) => {
    setBusy(true);
    setError(null);
    try {
      const doc = await api<ResultsDocument>(
        'POST',
        campaignApi(campaignId, '/runs'),
        method === undefined ? undefined : { method },
      );
      onCreated();
      navigate(resultsPath(campaignId, doc.method.runId));
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">Các lần tính điểm</h2>
      <p class="lead">
        {count(list.submissionCount)} phiếu đã gửi. Lần tính chính thức dùng đúng cách tính của đợt
        khảo sát và có thể khóa để công bố; lần tính thử nghiệm chỉ để xem.
      </p>
      <div class="actions r-run-actions">
        <button type="button" class="primary" disabled={busy} onClick={() => create()}>
          Chạy tính điểm
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      {list.runs.length === 0 ? (
        <p>Chưa có lần tính điểm nào. Bấm "Chạy tính điểm" để tính theo cách tính của đợt.</p>
      ) : (
        <RunTable
          campaignId={campaignId}
          runs={list.runs}
          selected={selected}
          groupName={(code) => definition?.groups.find((g) => g.code === code)?.name ?? code}
        />
      )}
      {definition && <TrialForm definition={definition} busy={busy} onRun={create} />}
    </section>
  );
}

function RunTable({
  campaignId,
  runs,
  selected,
  groupName,
}: {
  campaignId: string;
  runs: RunSummary[];
  selected: string | undefined;
  groupName: (code: string) => string;
}) {
  return (
    <CardTable
      class="cards r-runs"
      caption="Các lần tính điểm, mới nhất trước"
      columns={['Lần tính', 'Loại', 'Cách tính', num('Số phiếu'), 'Dữ liệu', 'Người chạy']}
    >
      {runs.map((r) => (
        <tr key={r.id} class={r.id === selected ? 'r-selected' : undefined}>
          <th scope="row" class="name">
            <Link href={resultsPath(campaignId, r.id)} current={r.id === selected}>
              {vnDateTime(r.createdAt)}
            </Link>
            {r.id === selected && <small>Đang xem</small>}
          </th>
          <td data-label="Loại">
            <span
              class={`r-run-kind ${r.locked ? 'r-locked' : r.official ? 'r-official' : 'r-trial'}`}
            >
              {runStatus(r)}
            </span>
          </td>
          <td data-label="Cách tính">{settingsLine(r.settings, groupName)}</td>
          <td class="num" data-label="Số phiếu">
            {count(r.submissionCount)}
          </td>
          <td data-label="Dữ liệu">
            {!r.current ? (
              <span class="r-stale">Đã thay đổi sau lần tính</span>
            ) : !r.selfAssessmentCurrent ? (
              // Its totals (step 8) are not those of the self-assessment and SIPAS links of now.
              <span class="r-stale">Điểm tự đánh giá hoặc SIPAS đã thay đổi sau lần tính</span>
            ) : (
              'Hiện hành'
            )}
          </td>
          <td data-label="Người chạy">{r.createdBy ?? '—'}</td>
        </tr>
      ))}
    </CardTable>
  );
}

/**
 * Other settings for a trial: the scale profile, how groups combine, what an empty criterion
 * scores. The small-group threshold is not offered: a trial may not lower it (the server refuses),
 * and raising it changes no score.
 */
function TrialForm({
  definition,
  busy,
  onRun,
}: {
  definition: Definition;
  busy: boolean;
  onRun: (m: TrialMethod) => void;
}) {
  const own = definition.method;
  const [m, setM] = useState<TrialMethod>({
    scaleProfile: own.scaleProfile,
    weighting: own.weighting,
    emptyCriterion: own.emptyCriterion,
  });
  const ownWeights = Object.fromEntries(
    definition.groups.map((g) => [g.code, own.groupWeights?.[g.code] ?? '1']),
  );
  const [weights, setWeights] = useState<Record<string, string>>(ownWeights);
  const badWeights = definition.groups.filter((g) => !validWeight(weights[g.code] ?? ''));
  // Weights matter only when the groups are averaged (EQUAL_GROUP); POOLED counts answers.
  const weighted = m.weighting === 'EQUAL_GROUP';
  const otherWeights =
    weighted &&
    definition.groups.some((g) => !sameNumber(weights[g.code] ?? '', ownWeights[g.code] ?? '1'));
  const same =
    m.scaleProfile === own.scaleProfile &&
    m.weighting === own.weighting &&
    m.emptyCriterion === own.emptyCriterion &&
    !otherWeights;
  const blocked = same || (weighted && badWeights.length > 0);
  return (
    <details class="panel r-trial">
      <summary>Tính thử với cách tính khác</summary>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (blocked) return;
          const trimmed = Object.fromEntries(
            Object.entries(weights).map(([g, w]) => [g, w.trim().replace(',', '.')]),
          );
          onRun(otherWeights ? { ...m, groupWeights: trimmed } : m);
        }}
      >
        <p class="hint">
          Kết quả thử nghiệm chỉ để so sánh: không khóa, không công bố được. Ngưỡng nhóm nhỏ giữ
          nguyên {own.minCellSize} phiếu.
        </p>
        <label>
          Thang điểm
          <select
            name="scaleProfile"
            value={m.scaleProfile}
            onChange={(e) => setM({ ...m, scaleProfile: e.currentTarget.value })}
          >
            {definition.scaleProfiles.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name} —{' '}
                {(['A', 'B', 'C', 'D'] as const)
                  .map((o) => `${o} ${p.coefficients[o].replace('.', ',')}`)
                  .join(', ')}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Cách gộp các nhóm đối tượng</legend>
          {(['EQUAL_GROUP', 'POOLED'] as const).map((w) => (
            <label key={w} class="check">
              <input
                type="radio"
                name="weighting"
                value={w}
                checked={m.weighting === w}
                onChange={() => setM({ ...m, weighting: w })}
              />
              {WEIGHTING_NAMES[w]}
            </label>
          ))}
        </fieldset>
        {weighted && (
          <fieldset class="r-weights">
            <legend>Trọng số các nhóm đối tượng (khi bình quân các nhóm)</legend>
            <p class="hint">Số thập phân hoặc phân số lớn hơn 0, ví dụ 2, 0.5 hoặc 2/3.</p>
            {definition.groups.map((g) => {
              const bad = !validWeight(weights[g.code] ?? '');
              return (
                <label key={g.code}>
                  {g.name}
                  <input
                    name={`weight-${g.code}`}
                    inputMode="decimal"
                    autocomplete="off"
                    value={weights[g.code] ?? ''}
                    aria-invalid={bad ? true : undefined}
                    aria-describedby={bad ? `weight-${g.code}-problem` : undefined}
                    onInput={(e) => setWeights({ ...weights, [g.code]: e.currentTarget.value })}
                  />
                  {bad && (
                    <span id={`weight-${g.code}-problem`} class="r-field-problem">
                      Trọng số phải là số lớn hơn 0, ví dụ 2, 0.5 hoặc 2/3.
                    </span>
                  )}
                </label>
              );
            })}
          </fieldset>
        )}
        <fieldset>
          <legend>Tiêu chí không có câu trả lời hợp lệ</legend>
          {(['ZERO', 'RESCALE'] as const).map((x) => (
            <label key={x} class="check">
              <input
                type="radio"
                name="emptyCriterion"
                value={x}
                checked={m.emptyCriterion === x}
                onChange={() => setM({ ...m, emptyCriterion: x })}
              />
              {EMPTY_NAMES[x]}
            </label>
          ))}
        </fieldset>
        {same && (
          <p class="hint" role="status">
            Đây là cách tính của đợt khảo sát: hãy đổi ít nhất một thiết lập để tính thử (hoặc bấm
            "Chạy tính điểm" để tính chính thức).
          </p>
        )}
        <div class="actions">
          <button type="submit" disabled={busy || blocked}>
            Chạy tính thử nghiệm
          </button>
        </div>
      </form>
    </details>
  );
}

/**
 * A weight as the method writes it: a decimal ("2", "0.5", "0,5") or a fraction ("2/3"), above 0.
 * The server reads it exactly (analysis/fraction.ts); this only checks it before sending, with
 * plain numbers, since the console targets es2019 and BigInt literals need es2020.
 */
function validWeight(typed: string): boolean {
  const w = typed.trim().replace(',', '.');
  return /^(\d+(\.\d+)?|\d+\/[1-9]\d*)$/.test(w) && weightValue(w) > 0;
}

function weightValue(w: string): number {
  const [num, den] = w.trim().replace(',', '.').split('/');
  return Number(num) / (den === undefined ? 1 : Number(den));
}

/** "1" and "1.00" are the same weight: only a different number makes the trial differ. */
const sameNumber = (a: string, b: string) => weightValue(a) === weightValue(b);
