import { useState } from 'preact/hooks';
import type { UnitImportResult as Imported } from '../../../contract/console/campaigns';
import { api, campaignApi } from '../api';
import { Done, ErrorNotice } from '../parts/notice';
import { RowProblems, rowProblems } from '../parts/row-problems';

/** A new unit list from .xlsx/.csv, for a campaign not yet open; row problems listed. */
export function UnitImport({
  campaignId,
  onImported,
}: {
  campaignId: string;
  onImported?: () => void;
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
      <h2 id="unit-import-title">Danh sách đơn vị</h2>
      <label>
        Nhập danh sách đơn vị (.xlsx, .csv)
        <input type="file" accept=".xlsx,.csv" disabled={busy} onChange={upload} />
      </label>
      {busy && <p role="status">Đang nhập…</p>}
      {done && <Done>Đã nhập {String(done.units)} đơn vị.</Done>}
      {error !== null && <ErrorNotice error={error} />}
      <RowProblems problems={rowProblems(error)} />
    </section>
  );
}
