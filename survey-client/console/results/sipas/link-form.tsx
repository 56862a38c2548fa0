import { useState } from 'preact/hooks';
import type {
  SipasLinkView,
  SipasRun,
  SipasRunLink,
} from '../../../../contract/console/sipas-analysis';
import { api, campaignApi } from '../../api';
import { vnDateTime } from '../../format';
import { Link } from '../../parts/link';
import { Done, ErrorNotice } from '../../parts/notice';
import type { Campaign } from '../../types';
import { useLoad } from '../../use-load';
import { resultsPath } from '../paths';
import type { DefinitionReply } from '../types';

/** The maximum as typed ("10", "2,5") → the API's decimal, or what to say beside the field. */
export function readMaxPoints(text: string): { value: string } | { error: string } {
  const value = text.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(value))
    return { error: 'Điểm tối đa là một số viết bằng chữ số, ví dụ 10 hoặc 2,5.' };
  if (Number(value) <= 0) return { error: 'Điểm tối đa phải lớn hơn 0.' };
  return { value };
}

const viPoints = (max: string) => max.replace('.', ',');

/**
 * "Đưa vào Chỉ số CCHC": a locked official SIPAS run gives a PAR campaign's field its points
 * (the unit's satisfaction index × the field's maximum), in place of the self-assessment's.
 * The fields the run already feeds are listed first, each with «Bỏ liên kết»; the form starts
 * from the first of them, so a reload shows what is linked.
 */
export function LinkToPar({ run, onChanged }: { run: SipasRun; onChanged: () => void }) {
  const first = run.links[0];
  const campaigns = useLoad<Campaign[]>('/api/campaigns');
  const par = (campaigns.data ?? []).filter((c) => c.kind !== 'sipas');
  const [parId, setParId] = useState(first?.parCampaignId ?? '');
  const chosen = parId || par[0]?.id || '';
  const def = useLoad<DefinitionReply>(chosen ? campaignApi(chosen, '/definition') : null);
  const fields = (def.data?.definition.indexes ?? [])
    .flatMap((i) => i.fields)
    .filter((f, i, all) => all.findIndex((g) => g.code === f.code) === i);
  const [field, setField] = useState(first?.fieldCode ?? '');
  const [max, setMax] = useState(first ? viPoints(first.maxPoints) : '');
  const [maxError, setMaxError] = useState('');
  /** What was just done, and the PAR campaign whose total to run again. */
  const [done, setDone] = useState<{ text: string; parId: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldCode = fields.some((f) => f.code === field)
    ? field
    : fields[fields.length - 1]?.code || '';
  const act = async (what: () => Promise<{ text: string; parId: string }>) => {
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      setDone(await what());
      onChanged();
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const read = readMaxPoints(max);
    setMaxError('error' in read ? read.error : '');
    if ('error' in read) return;
    void act(async () => {
      const made = await api<SipasLinkView>('POST', campaignApi(chosen, '/sipas-link'), {
        runId: run.id,
        fieldCode,
        maxPoints: read.value,
      });
      return {
        text: `Đã liên kết: lĩnh vực ${made.fieldCode} lấy điểm từ lần tính này (tối đa ${viPoints(made.maxPoints)} điểm).`,
        parId: made.parCampaignId,
      };
    });
  };
  const unlink = (l: SipasRunLink) =>
    act(async () => {
      await api(
        'DELETE',
        campaignApi(l.parCampaignId, `/sipas-link/${encodeURIComponent(l.fieldCode)}`),
      );
      return {
        text: `Đã bỏ liên kết: lĩnh vực ${l.fieldCode} của «${l.parCampaignName}» lại lấy điểm tự đánh giá.`,
        parId: l.parCampaignId,
      };
    });
  if (campaigns.data && par.length === 0 && run.links.length === 0) return null;
  return (
    <form class="sipas-link" onSubmit={submit} aria-labelledby="sipas-link-title" noValidate>
      <h3 id="sipas-link-title">Đưa vào Chỉ số CCHC</h3>
      <p>
        Điểm của lĩnh vực = chỉ số hài lòng của đơn vị × điểm tối đa của lĩnh vực, thay cho điểm tự
        đánh giá của lĩnh vực đó trong các lần tính Chỉ số CCHC tổng sau này.
      </p>
      {run.links.length > 0 && (
        <ul class="sipas-links" aria-label="Đang đưa vào Chỉ số CCHC">
          {run.links.map((l) => (
            <li key={`${l.parCampaignId}|${l.fieldCode}`}>
              <span>
                Đang đưa vào «{l.parCampaignName}»: lĩnh vực <b>{l.fieldCode}</b>, tối đa{' '}
                {viPoints(l.maxPoints)} điểm (từ {vnDateTime(l.linkedAt)}).
              </span>
              <button
                type="button"
                disabled={busy}
                aria-label={`Bỏ liên kết lĩnh vực ${l.fieldCode} của ${l.parCampaignName}`}
                onClick={() => unlink(l)}
              >
                Bỏ liên kết
              </button>
            </li>
          ))}
        </ul>
      )}
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
        <input
          inputMode="decimal"
          value={max}
          aria-invalid={maxError ? true : undefined}
          aria-describedby={maxError ? 'sipas-link-max-error' : undefined}
          onInput={(e) => setMax(e.currentTarget.value)}
        />
      </label>
      {maxError && (
        <p id="sipas-link-max-error" class="field-error" role="alert">
          {maxError}
        </p>
      )}
      <button type="submit" disabled={busy || !chosen || !fieldCode || !max.trim()}>
        Đưa vào
      </button>
      {done && (
        <Done>
          {done.text} Hãy{' '}
          <Link href={resultsPath(done.parId)}>chạy lại lần tính Chỉ số CCHC tổng</Link> của đợt đó.
        </Done>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
