import { useState } from 'preact/hooks';
import type { SampleSize } from '../../../../contract/console/sipas-analysis';
import { api } from '../../api';
import { count } from '../../format';
import { ErrorNotice } from '../../parts/notice';

/**
 * "Cỡ mẫu": how many households or people to ask, n = N / (1 + N·e²) rounded up, computed by the
 * server exactly (`GET /api/sample-size`). The margin is typed as people write it ("5" %).
 */
export function SampleSizeWidget() {
  const [N, setN] = useState('10000');
  const [e, setE] = useState('5');
  const [result, setResult] = useState<SampleSize | null>(null);
  const [error, setError] = useState<unknown>(null);
  const compute = async (ev: Event) => {
    ev.preventDefault();
    setError(null);
    setResult(null);
    const percent = e.trim().replace(',', '.');
    const margin = /^\d+(\.\d+)?$/.test(percent) ? String(Number(percent) / 100) : percent;
    try {
      const q = new URLSearchParams({ N: N.replace(/[.\s]/g, ''), e: margin });
      setResult(await api<SampleSize>('GET', `/api/sample-size?${q}`));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="panel sipas-sample" aria-labelledby="sample-title">
      <h2 id="sample-title">Tính cỡ mẫu</h2>
      <p class="lead">
        n = N / (1 + N·e²), làm tròn lên: số người cần khảo sát trong tổng thể N với sai số e.
      </p>
      <form class="sipas-sample-form" onSubmit={compute}>
        <label>
          Tổng thể N (người hoặc hộ)
          <input inputMode="numeric" value={N} onInput={(x) => setN(x.currentTarget.value)} />
        </label>
        <label>
          Sai số e (%)
          <input inputMode="decimal" value={e} onInput={(x) => setE(x.currentTarget.value)} />
        </label>
        <button type="submit">Tính</button>
      </form>
      {result && (
        <p class="notice ok" role="status">
          Cần khảo sát ít nhất <strong>{count(result.n)}</strong> trong {count(result.N)} (sai số{' '}
          {e.replace('.', ',')}%).
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}
