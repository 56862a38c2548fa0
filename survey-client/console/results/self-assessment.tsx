import { useState } from 'preact/hooks';
import type {
  SelfAssessmentImportResult,
  SelfAssessmentState,
} from '../../../contract/console/self-assessment';
import { api, campaignApi } from '../api';
import { showPoints } from '../definition/points';
import { vnDateTime } from '../format';
import { pickAgain } from '../parts/file-pick';
import { Done, ErrorNotice } from '../parts/notice';
import { RowProblems, rowProblems } from '../parts/row-problems';
import { useLoad } from '../use-load';

/** GET self-assessment: what is imported now. */
export type { SelfAssessmentImportResult, SelfAssessmentState };

/**
 * "Điểm tự đánh giá đã thẩm định": what is imported, a file previewed (a dry run listing every
 * row problem or the units it would import), then imported. Runs pin the import they used, so the
 * total index comes with the next run.
 */
export function SelfAssessmentPanel({ campaignId }: { campaignId: string }) {
  const path = campaignApi(campaignId, '/self-assessment');
  const state = useLoad<SelfAssessmentState>(path);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<SelfAssessmentImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<SelfAssessmentImportResult | null>(null);

  const send = (f: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', f);
    if (dryRun) form.append('preview', 'true');
    return api<SelfAssessmentImportResult>('POST', path, form);
  };

  const choose = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const f = input.files?.[0];
    if (!f) return;
    setFile(f);
    setPreview(null);
    setDone(null);
    setError(null);
    setBusy(true);
    try {
      setPreview(await send(f, true));
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  };

  const commit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setDone(await send(file, false));
      setPreview(null);
      setFile(null);
      state.reload();
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  };

  const s = state.data;
  const ready = preview !== null && preview.problems.length === 0 && preview.units.length > 0;
  return (
    <section class="panel stack" aria-labelledby="sa-title">
      <h2 id="sa-title">Điểm tự đánh giá đã thẩm định</h2>
      {state.error !== undefined && <ErrorNotice error={state.error} onRetry={state.reload} />}
      {s &&
        (s.imported ? (
          <p>
            Đã nhập lúc {vnDateTime(s.importedAt)}
            {s.importedBy ? ` (${s.importedBy})` : ''}: {s.units.length} đơn vị
            {s.missing.length > 0
              ? `; chưa có điểm: ${s.missing.map((u) => u.name).join(', ')}`
              : '; đủ mọi đơn vị'}
            .
          </p>
        ) : (
          <p>Chưa nhập điểm tự đánh giá đã thẩm định.</p>
        ))}
      <label>
        Chọn tệp điểm tự đánh giá (.xlsx, .csv)
        <input
          type="file"
          accept=".xlsx,.csv"
          disabled={busy}
          onClick={pickAgain}
          onChange={choose}
        />
      </label>
      {busy && <p role="status">Đang xử lý…</p>}
      {preview && preview.problems.length > 0 && (
        <>
          <p class="notice">
            Tệp có {preview.problems.length} lỗi: sửa các dòng được nêu rồi chọn lại tệp.
          </p>
          <RowProblems label="Lỗi trong tệp" problems={preview.problems} />
        </>
      )}
      {ready && (
        <>
          <p>Sẽ nhập điểm của {preview.units.length} đơn vị:</p>
          <table class="r-table" aria-label="Đơn vị sẽ nhập">
            <thead>
              <tr>
                <th>Dòng</th>
                <th>Đơn vị</th>
                <th>Điểm</th>
              </tr>
            </thead>
            <tbody>
              {preview.units.map((u) => (
                <tr key={u.code}>
                  <td>{u.row}</td>
                  <td>{u.name}</td>
                  <td>
                    {showPoints(u.points)}/{showPoints(u.max)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.missing.length > 0 && (
            <p class="hint">Chưa có điểm: {preview.missing.map((u) => u.name).join(', ')}.</p>
          )}
          <button type="button" class="primary" disabled={busy} onClick={commit}>
            Nhập
          </button>
        </>
      )}
      {done && (
        <Done>
          Đã nhập điểm tự đánh giá của {done.units.length} đơn vị. Hãy chạy tính điểm lại để có Chỉ
          số CCHC (mỗi lần tính giữ lần nhập nó đã dùng).
        </Done>
      )}
      {error !== null && <ErrorNotice error={error} />}
      <RowProblems label="Lỗi trong tệp" problems={rowProblems(error)} />
    </section>
  );
}
