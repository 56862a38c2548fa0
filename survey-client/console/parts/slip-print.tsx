import {
  SLIP_ARRANGEMENT_NAMES,
  SLIP_ARRANGEMENTS,
  SLIP_LAYOUTS,
  type SlipArrangement,
  type SlipLayout,
} from '../../../contract/console/invitation-list';
import { campaignApi } from '../api';
import { count } from '../format';
import type { InvitationPage } from '../types';
import { BulkReminder } from './bulk-reminder';
import { filterQuery, type ListState } from './list-state';
import { MAX_PICKED, pickedSlips, type Selection } from './selection';

/** "4.812 phiếu mời, 602 trang A4". */
const slipText = (slips: number, pages: number) =>
  slips === 0
    ? 'không có phiếu mời nào để in'
    : `${count(slips)} phiếu mời, ${count(pages)} trang A4`;

/**
 * The slips and link exports of what the officer chose: the rows picked, every row matching the
 * filters when "select all" was pressed, else everything the filters match (as before). Says
 * how many slips and A4 sheets that makes before the print page opens.
 */
export function SlipPrint({
  campaignId,
  state,
  page,
  selection,
  onLayout,
  onReminded,
}: {
  campaignId: string;
  state: ListState;
  page: InvitationPage | undefined;
  selection: Selection;
  onLayout: (change: { layout?: SlipLayout; arrange?: SlipArrangement }) => void;
  onReminded: () => void;
}) {
  const picked = selection.picked.size > 0 && !selection.all;
  const query = picked ? `?ids=${[...selection.picked.keys()].join(',')}` : filterQuery(state);
  const withLayout = (q: string) =>
    `${q}${q ? '&' : '?'}layout=${state.layout}&arrange=${state.arrange}`;
  const slips = picked
    ? pickedSlips(selection.picked.values(), state.layout, state.arrange)
    : page
      ? {
          count: page.slips.count,
          pages: (state.arrange === 'unit-pages' ? page.slips.unitPages : page.slips.pages)[
            state.layout
          ],
        }
      : undefined;
  const who = picked
    ? `${count(selection.picked.size)} người đã chọn`
    : selection.all
      ? `tất cả ${count(page?.total ?? 0)} người khớp bộ lọc`
      : 'mọi người khớp bộ lọc';
  const total = page?.total ?? 0;
  const shown = page?.items.length ?? 0;
  // Slips are for live links only: the people who submitted, or whose link was revoked, get
  // none, and the count says so (qa8: «20 phiếu mời» beside a list of 24 read as a mistake).
  const without = slips ? (picked ? selection.picked.size : total) - slips.count : 0;

  return (
    <section class="bulk" aria-label="In phiếu mời và tải đường dẫn">
      <p class="bulk-who" aria-live="polite">
        Áp dụng cho {who}
        {slips && `: ${slipText(slips.count, slips.pages)}`}
        {without > 0 &&
          ` (không in cho ${count(without)} người đã gửi phiếu hoặc có đường dẫn đã thu hồi)`}
        .
      </p>
      {(picked || selection.all) && (
        <div class="exports">
          {picked && !selection.all && total > shown && (
            <button type="button" onClick={selection.selectAll}>
              Chọn tất cả {count(total)} người khớp bộ lọc
            </button>
          )}
          <button type="button" onClick={selection.clear}>
            Bỏ chọn
          </button>
          <BulkReminder
            campaignId={campaignId}
            state={state}
            selection={selection}
            onRecorded={onReminded}
          />
        </div>
      )}
      {picked && selection.picked.size >= MAX_PICKED && (
        <p class="hint">
          Chọn từng người tối đa {count(MAX_PICKED)} người; để in nhiều hơn, hãy lọc rồi bấm "Chọn
          tất cả".
        </p>
      )}
      <div class="exports">
        <label class="layout">
          Số phiếu mỗi trang A4
          <select
            value={String(state.layout)}
            onChange={(e) => onLayout({ layout: Number(e.currentTarget.value) as SlipLayout })}
          >
            {[...SLIP_LAYOUTS].reverse().map((l) => (
              <option key={l} value={String(l)}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label class="layout">
          Cách xếp
          <select
            value={state.arrange}
            onChange={(e) => onLayout({ arrange: e.currentTarget.value as SlipArrangement })}
          >
            {SLIP_ARRANGEMENTS.map((a) => (
              <option key={a} value={a}>
                {SLIP_ARRANGEMENT_NAMES[a]}
              </option>
            ))}
          </select>
        </label>
        {slips?.count === 0 ? (
          <button type="button" disabled>
            In phiếu mời (QR)
          </button>
        ) : (
          <a
            class="button primary"
            href={campaignApi(campaignId, `/slips${withLayout(query)}`)}
            target="_blank"
            rel="noopener"
          >
            In phiếu mời (QR)
          </a>
        )}
        <a class="button" href={campaignApi(campaignId, `/links.csv${query}`)} download>
          Tải đường dẫn và tin nhắn (CSV)
        </a>
        <a class="button" href={campaignApi(campaignId, `/links.xlsx${query}`)} download>
          Tải đường dẫn và tin nhắn (Excel)
        </a>
      </div>
    </section>
  );
}
