import { useRef, useState } from 'preact/hooks';
import type { StubReply } from '../../../contract/console/paper';
import { api, campaignApi } from '../api';
import { count, STATUS_NAMES } from '../format';
import { CardTable, PERSON_COLUMNS, PersonCells, StatusCell } from '../parts/card-table';
import { Done, ErrorNotice } from '../parts/notice';
import type { CampaignDetail } from '../types';
import { CodeField } from './code-field';
import { cleanCode } from './serial';

/**
 * "Nhận cuống phiếu": the short code on a returned stub marks that person's link used (their
 * status becomes "Đã gửi"), so a paper form and an online one never both count. One code after
 * another: the field is cleared and focused again after each.
 */
export function StubReceipt({
  campaign,
  blocked,
}: {
  campaign: CampaignDetail;
  blocked: string | null;
}) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [received, setReceived] = useState<StubReply[]>([]);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setProblem('');
    const clean = cleanCode(code);
    if (clean.length !== 8) {
      setProblem(
        clean.length === 9
          ? 'Đây có vẻ là số phiếu in trên tờ trả lời (9 ký tự). Mã phiếu giấy in trên cuống phiếu có 8 ký tự, ví dụ K7QM-4X2P.'
          : 'Mã phiếu giấy in trên cuống phiếu có 8 ký tự, ví dụ K7QM-4X2P.',
      );
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const r = await api<StubReply>('POST', campaignApi(campaign.id, '/paper/stubs'), {
        code: code.trim(),
      });
      setReceived((old) => [r, ...old]);
      setCode('');
    } catch (err) {
      setError(err);
    }
    setBusy(false);
    input.current?.focus();
  };

  const last = received[0];
  return (
    <section aria-labelledby="stubs-title">
      <h2 id="stubs-title">Nhận cuống phiếu</h2>
      <p class="hint">
        Khi phiếu giấy được nộp lại, nhập mã phiếu giấy in trên cuống phiếu (8 ký tự). Người đó được
        tính là đã gửi phiếu và đường dẫn trực tuyến của họ không dùng được nữa. Cuống phiếu cất
        riêng, không để chung với các tờ trả lời.
      </p>
      {blocked ? (
        <p class="notice" role="status">
          {blocked}
        </p>
      ) : (
        <form class="inline-form" onSubmit={submit} noValidate>
          <CodeField
            label="Mã phiếu giấy (trên cuống phiếu)"
            inputRef={input}
            value={code}
            placeholder="VD: K7QM-4X2P"
            problem={problem}
            problemId="stub-problem"
            onInput={(value) => {
              setCode(value);
              setProblem('');
            }}
          />
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Đang ghi nhận…' : 'Nhận cuống phiếu'}
          </button>
        </form>
      )}
      {problem && (
        <p id="stub-problem" class="notice error" role="alert">
          {problem}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {last && error === null && !problem && (
        <Done>
          Đã nhận cuống phiếu của <b>{last.name}</b> ({last.group}
          {last.unit ? `, ${last.unit}` : ''}). Trạng thái: {STATUS_NAMES[last.status]} (phiếu
          giấy).
        </Done>
      )}
      {received.length > 0 && (
        <>
          <h3>Đã nhận trong lần làm việc này ({count(received.length)})</h3>
          <CardTable columns={[...PERSON_COLUMNS, 'Trạng thái']}>
            {received.map((r) => (
              <tr key={r.id}>
                <PersonCells name={r.name} group={r.group} unit={r.unit || '—'} />
                <StatusCell status="submitted" name={STATUS_NAMES[r.status]} />
              </tr>
            ))}
          </CardTable>
        </>
      )}
    </section>
  );
}
