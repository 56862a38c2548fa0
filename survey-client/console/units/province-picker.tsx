import { useMemo, useState } from 'preact/hooks';
import type { ProvinceInfo } from '../../../contract/console/campaigns';
import { ErrorNotice, Loading } from '../parts/notice';
import { fold } from '../table-view';
import { useLoad } from '../use-load';
import { communeText } from './kinds';

const collator = new Intl.Collator('vi');
/** "Tỉnh Đồng Nai" → "Đồng Nai": the list is in the order of the names people say. */
const bare = (name: string) => name.replace(/^(Tỉnh|Thành phố)\s+/, '');

/**
 * The province of a 2026 campaign: a search box that narrows a plain select of the 34 provinces
 * and cities (a phone's own picker), each with its communes by kind. Sends `provinceCode`;
 * `initial` the one chosen at first (the office's own province).
 */
export function ProvincePicker({ initial = '' }: { initial?: string }) {
  const loaded = useLoad<ProvinceInfo[]>('/api/provinces');
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState(initial);
  const all = useMemo(
    () => [...(loaded.data ?? [])].sort((a, b) => collator.compare(bare(a.name), bare(b.name))),
    [loaded.data],
  );
  if (!loaded.data) {
    return loaded.error !== undefined ? (
      <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
    ) : (
      <Loading what="Đang tải danh sách tỉnh, thành phố…" />
    );
  }
  const q = fold(query);
  const shown = q ? all.filter((p) => fold(p.name).includes(q) || p.code === query.trim()) : all;
  // A search that leaves out the chosen province picks its first match instead.
  const value = shown.some((p) => p.code === chosen) ? chosen : q ? (shown[0]?.code ?? '') : '';
  const picked = all.find((p) => p.code === value);
  return (
    <fieldset class="province-picker">
      <legend>Tỉnh, thành phố</legend>
      <label>
        Tìm tỉnh, thành phố
        <input
          type="search"
          value={query}
          placeholder="Ví dụ: Đồng Nai"
          autoComplete="off"
          onInput={(e) => setQuery(e.currentTarget.value)}
          // Enter picks the first match; it does not send the form.
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
        />
      </label>
      <label>
        Chọn tỉnh, thành phố
        <select
          name="provinceCode"
          required
          value={value}
          aria-describedby="province-units"
          onChange={(e) => setChosen(e.currentTarget.value)}
        >
          {!q && <option value="">— Chọn một trong {String(all.length)} tỉnh, thành phố —</option>}
          {shown.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name} — {communeText(p.communes)}
            </option>
          ))}
        </select>
      </label>
      <p id="province-units" class="hint" aria-live="polite">
        {shown.length === 0
          ? `Không có tỉnh, thành phố nào khớp «${query.trim()}».`
          : picked
            ? `${picked.name}: ${communeText(picked.communes)} theo danh mục từ 01/7/2025, mỗi đơn vị có mã ĐVHC; cùng các sở, ban, ngành gợi ý, sửa được ở mục «Đơn vị» trước khi mở đợt.`
            : 'Đơn vị cấp xã lấy theo danh mục chính thức từ 01/7/2025, kèm mã ĐVHC.'}
      </p>
    </fieldset>
  );
}
