import { useState } from 'preact/hooks';
import type { CampaignDetail } from '../types';
import { PaperEntry } from './entry';
import { PaperPrint } from './print';
import { StubReceipt } from './stubs';
import '../styles/sticky-bar.css';
import './paper.css';

type View = 'print' | 'stubs' | 'entry';
const VIEWS: [View, string][] = [
  ['print', 'In phiếu giấy'],
  ['stubs', 'Nhận cuống phiếu'],
  ['entry', 'Nhập phiếu giấy'],
];

/** Paper forms for those who answer on paper: print, receive the stubs, enter the sheets. */
export function PaperScreen({ campaign }: { campaign: CampaignDetail }) {
  const [view, setView] = useState<View>('print');
  const printBlocked =
    campaign.phase === 'closed' ? 'Đợt khảo sát đã kết thúc: không in thêm phiếu giấy.' : null;
  const takeBlocked =
    campaign.phase === 'not_open'
      ? 'Đợt khảo sát chưa mở: cuống phiếu và phiếu giấy chỉ được nhận, nhập khi đợt khảo sát đang mở.'
      : campaign.phase === 'closed'
        ? 'Đợt khảo sát đã kết thúc: không nhận thêm cuống phiếu hay phiếu giấy.'
        : null;
  // Sheets whose stub came back before closing are still typed after it, until the official
  // results are locked (the server answers 409 results_locked then): issue #13.1.
  const waiting = campaign.paperWaiting ?? 0;
  const entryBlocked =
    campaign.phase === 'closed'
      ? waiting > 0
        ? null
        : 'Đợt khảo sát đã kết thúc và không còn phiếu giấy nào đã nhận cuống chờ nhập.'
      : takeBlocked;
  return (
    <>
      <fieldset class="segmented">
        <legend class="sr-only">Phiếu giấy</legend>
        {VIEWS.map(([v, label]) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {label}
          </button>
        ))}
      </fieldset>
      {view === 'print' ? (
        <PaperPrint campaign={campaign} blocked={printBlocked} />
      ) : view === 'stubs' ? (
        <StubReceipt campaign={campaign} blocked={takeBlocked} />
      ) : (
        <>
          {campaign.phase === 'closed' && waiting > 0 && (
            <p class="hint" role="status">
              Đợt khảo sát đã kết thúc: còn {waiting.toLocaleString('vi-VN')} phiếu giấy đã nhận
              cuống trước khi kết thúc đang chờ nhập. Vẫn nhập được cho đến khi kết quả chính thức
              được khóa.
            </p>
          )}
          <PaperEntry campaign={campaign} blocked={entryBlocked} />
        </>
      )}
    </>
  );
}
