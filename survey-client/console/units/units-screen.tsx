import { useState } from 'preact/hooks';
import { api, campaignApi } from '../api';
import { count } from '../format';
import { CardTable, Cell, NameCell } from '../parts/card-table';
import { UnitImport } from '../people/unit-import';
import type { CampaignProps } from '../screens/campaign';
import { fold } from '../table-view';
import type { CampaignDetail, UnitInfo } from '../types';
import { kindName } from './kinds';
import './units.css';

/** From the top down: how the kinds are counted in a unit list's summary. */
const KIND_ORDER = ['tinh', 'huyen', 'co_quan', 'xa', 'phuong', 'dac_khu', 'thi_tran'];
const rank = (kind: string) => {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
};

/** "1 tỉnh, thành phố, 20 cơ quan, 72 xã, 23 phường": kinds from the top down, unknown ones last. */
function kindSummary(units: UnitInfo[]): string {
  const n = new Map<string, number>();
  for (const u of units) n.set(u.kind, (n.get(u.kind) ?? 0) + 1);
  return [...n]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([kind, k]) => `${count(k)} ${kindName(kind)}`)
    .join(', ');
}

const haystack = (u: UnitInfo) =>
  fold([u.name, u.code, u.officialCode ?? '', u.area ?? '', kindName(u.kind)].join(' '));

/**
 * "Đơn vị": the campaign's units with their official codes (Mã ĐVHC), kinds in Vietnamese and
 * former districts, a search over them, and for staff the way to change them (the unit file).
 */
export function UnitsScreen({ campaign, staff, onChange }: CampaignProps) {
  const units = campaign.units ?? [];
  const [query, setQuery] = useState('');
  const q = fold(query);
  const shown = q ? units.filter((u) => haystack(u).includes(q)) : units;
  const areas = units.some((u) => u.area);
  return (
    <>
      <section class="panel units" aria-labelledby="units-title">
        <h2 id="units-title">Đơn vị của đợt khảo sát</h2>
        <p>
          {count(units.length)} đơn vị: {kindSummary(units)}.
        </p>
        <label class="units-search">
          Tìm đơn vị (tên, mã, loại, huyện cũ)
          <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <p class="hint" role="status">
          {q ? `${count(shown.length)} đơn vị khớp «${query.trim()}».` : ''}
        </p>
        <CardTable
          caption="Các đơn vị của đợt khảo sát"
          columns={['Tên đơn vị', 'Loại', 'Mã ĐVHC', 'Mã', areas && 'Huyện cũ']}
        >
          {shown.map((u) => (
            <tr key={u.code}>
              <NameCell>{u.name}</NameCell>
              <Cell label="Loại">{kindName(u.kind)}</Cell>
              <Cell label="Mã ĐVHC" class="unit-code">
                {u.officialCode ?? '—'}
              </Cell>
              <Cell label="Mã" class="unit-code">
                {u.code}
              </Cell>
              {areas && <Cell label="Huyện cũ">{u.area ?? '—'}</Cell>}
            </tr>
          ))}
        </CardTable>
      </section>
      {staff && <EditUnits campaign={campaign} onChange={onChange} />}
    </>
  );
}

/** How to change the units: download the list, edit it, import it (before opening only). */
function EditUnits({ campaign, onChange }: Pick<CampaignProps, 'campaign' | 'onChange'>) {
  const download = (
    <a class="button" href={campaignApi(campaign.id, '/units.csv')} download>
      Tải danh sách hiện tại (.csv)
    </a>
  );
  if (campaign.phase !== 'not_open') {
    return (
      <section class="panel stack" aria-labelledby="unit-edit-title">
        <h2 id="unit-edit-title">Sửa danh sách đơn vị</h2>
        <p>Đợt khảo sát đã mở: danh sách đơn vị không đổi được nữa.</p>
        <p>{download}</p>
      </section>
    );
  }
  return (
    <UnitImport
      campaignId={campaign.id}
      onImported={() =>
        api<CampaignDetail>('GET', campaignApi(campaign.id)).then(onChange, () => undefined)
      }
    >
      <p>
        Danh sách sở, ban, ngành là danh sách gợi ý. Để thêm, bớt hay đổi tên một cơ quan (hay một
        đơn vị bất kỳ): tải danh sách hiện tại, sửa trong Excel rồi nhập lại tệp. Tệp nhập thay cả
        danh sách, nên hãy giữ nguyên các dòng xã, phường, đặc khu.
      </p>
      <p>{download}</p>
    </UnitImport>
  );
}
