import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { UnitImportResult as Imported } from '../../../contract/console/campaigns';
import { api, campaignApi } from '../api';
import { pickAgain } from '../parts/file-pick';
import { Done, ErrorNotice } from '../parts/notice';
import { RowProblems, rowProblems } from '../parts/row-problems';

/**
 * A new unit list from .xlsx/.csv, for a campaign not yet open; the columns it reads
 * (server/campaigns/unit-import.ts) explained, row problems listed. `children`: what comes
 * before the columns (why and how to edit, the download of the current list).
 */
export function UnitImport({
  campaignId,
  onImported,
  children,
}: {
  campaignId: string;
  onImported?: () => void;
  children?: ComponentChildren;
}) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Imported | null>(null);
  const [error, setError] = useState<unknown>(null);

  const upload = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      setDone(await api<Imported>('POST', campaignApi(campaignId, '/units'), form));
      onImported?.();
    } catch (err) {
      setError(err);
    }
    setBusy(false);
    input.value = '';
  };

  return (
    <section class="panel stack unit-import" aria-labelledby="unit-import-title">
      <h2 id="unit-import-title">Sửa danh sách đơn vị</h2>
      {children}
      <div class="hint">
        <p>Tệp .xlsx hoặc .csv, dòng đầu là tên cột:</p>
        <ul>
          <li>
            <b>Mã</b>: mã đơn vị, dùng trong danh sách người được khảo sát (chữ không dấu, số, - _
            .)
          </li>
          <li>
            <b>Tên đơn vị</b>
          </li>
          <li>
            <b>Loại</b>: tỉnh, cơ quan, xã, phường, đặc khu (hoặc huyện, thị trấn với mẫu cấp huyện)
          </li>
          <li>
            <b>Đơn vị cấp trên</b>: mã hoặc tên, có thể để trống
          </li>
          <li>
            <b>Mã ĐVHC</b>: mã đơn vị hành chính của Tổng cục Thống kê (2 đến 5 chữ số), có thể để
            trống
          </li>
          <li>
            <b>Huyện cũ</b>: huyện trước ngày 01/7/2025, có thể để trống
          </li>
        </ul>
        <p>Có lỗi ở dòng nào thì không có gì thay đổi.</p>
      </div>
      <label>
        Nhập danh sách đơn vị (.xlsx, .csv)
        <input
          type="file"
          accept=".xlsx,.csv"
          disabled={busy}
          onClick={pickAgain}
          onChange={upload}
        />
      </label>
      {busy && <p role="status">Đang nhập…</p>}
      {done && <Done>Đã nhập {String(done.units)} đơn vị.</Done>}
      {error !== null && <ErrorNotice error={error} />}
      <RowProblems problems={rowProblems(error)} />
    </section>
  );
}
