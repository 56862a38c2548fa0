import { useState } from 'preact/hooks';
import type { SipasLinkView, SipasRun } from '../../../../contract/console/sipas-analysis';
import { api, campaignApi } from '../../api';
import { Done, ErrorNotice } from '../../parts/notice';
import type { Campaign } from '../../types';
import { useLoad } from '../../use-load';
import type { DefinitionReply } from '../types';

/**
 * "Đưa vào Chỉ số CCHC": a locked official SIPAS run gives a PAR campaign's field its points
 * (the unit's satisfaction index × the field's maximum), in place of the self-assessment's.
 */
export function LinkToPar({ run }: { run: SipasRun }) {
  const campaigns = useLoad<Campaign[]>('/api/campaigns');
  const par = (campaigns.data ?? []).filter((c) => c.kind !== 'sipas');
  const [parId, setParId] = useState('');
  const chosen = parId || par[0]?.id || '';
  const def = useLoad<DefinitionReply>(chosen ? campaignApi(chosen, '/definition') : null);
  const fields = (def.data?.definition.indexes ?? [])
    .flatMap((i) => i.fields)
    .filter((f, i, all) => all.findIndex((g) => g.code === f.code) === i);
  const [field, setField] = useState('');
  const [max, setMax] = useState('');
  const [done, setDone] = useState<SipasLinkView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fieldCode = field || fields[fields.length - 1]?.code || '';
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      setDone(
        await api<SipasLinkView>('POST', campaignApi(chosen, '/sipas-link'), {
          runId: run.id,
          fieldCode,
          maxPoints: max.trim().replace(',', '.'),
        }),
      );
    } catch (err) {
      setError(err);
    }
  };
  if (campaigns.data && par.length === 0) return null;
  return (
    <form class="sipas-link" onSubmit={submit} aria-labelledby="sipas-link-title">
      <h3 id="sipas-link-title">Đưa vào Chỉ số CCHC</h3>
      <p>
        Điểm của lĩnh vực = chỉ số hài lòng của đơn vị × điểm tối đa của lĩnh vực, thay cho điểm tự
        đánh giá của lĩnh vực đó trong các lần tính Chỉ số CCHC tổng sau này.
      </p>
      <label>
        Đợt Chỉ số CCHC
        <select value={chosen} onChange={(e) => setParId(e.currentTarget.value)}>
          {par.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Lĩnh vực
        <select value={fieldCode} onChange={(e) => setField(e.currentTarget.value)}>
          {fields.map((f) => (
            <option key={f.code} value={f.code}>
              {f.code} — {f.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Điểm tối đa của lĩnh vực
        <input inputMode="decimal" value={max} onInput={(e) => setMax(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={!chosen || !fieldCode || !max.trim()}>
        Đưa vào
      </button>
      {done && (
        <Done>
          Đã liên kết: lĩnh vực {done.fieldCode} lấy điểm từ lần tính này (tối đa{' '}
          {done.maxPoints.replace('.', ',')} điểm). Hãy chạy lại lần tính Chỉ số CCHC tổng.
        </Done>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
