import { PurgeNotice } from '../admin/purge-notice';
import { campaignApi } from '../api';
import { DefinitionScreen } from '../definition/definition-screen';
import { PHASE_NAMES, vnDateTime } from '../format';
import { PaperScreen } from '../paper/paper-screen';
import { Openings } from '../parts/campaign-lifecycle';
import { Link } from '../parts/link';
import { ErrorNotice, Loading } from '../parts/notice';
import { CommentsScreen, ResultsScreen } from '../results';
import { type CampaignTab, campaignPath } from '../router';
import { SipasPaperScreen } from '../sipas/paper-screen';
import { PointsScreen } from '../sipas/points-screen';
import { type Campaign, type CampaignDetail, isAnalyst, isStaff, type User } from '../types';
import { UnitsScreen } from '../units/units-screen';
import { useLoad } from '../use-load';
import { Invitations } from './invitations';
import { Roster } from './roster';
import { Settings } from './settings';
import { TrackingScreen } from './tracking';

type Kind = CampaignDetail['kind'];
const PAR: Kind[] = ['par'];
const BOTH: Kind[] = ['par', 'sipas'];
/**
 * `analysts`: admin and analyst only (scores and comments; never an officer). `kinds`: the
 * kinds of campaign that have the tab — a SIPAS campaign has no roster, links or PAR results
 * (its «Phiếu giấy» is its own: sipas/paper-screen.tsx) (issue #14: the server refuses them, 409 wrong_campaign_kind).
 */
const TABS: {
  tab: CampaignTab;
  label: string;
  staff: boolean;
  analysts?: boolean;
  kinds: Kind[];
}[] = [
  { tab: 'tracking', label: 'Theo dõi', staff: false, kinds: PAR },
  { tab: 'points', label: 'Điểm thu thập', staff: false, kinds: ['sipas'] },
  { tab: 'invitations', label: 'Lời mời', staff: true, kinds: PAR },
  { tab: 'roster', label: 'Nhập danh sách', staff: true, kinds: PAR },
  { tab: 'paper', label: 'Phiếu giấy', staff: true, kinds: BOTH },
  { tab: 'units', label: 'Đơn vị', staff: true, kinds: BOTH },
  { tab: 'definition', label: 'Bộ câu hỏi', staff: true, kinds: PAR },
  { tab: 'settings', label: 'Cài đặt', staff: true, kinds: BOTH },
  // A SIPAS campaign's results are its days, flags and runs (results/sipas/), «Hài lòng (SIPAS)».
  { tab: 'results', label: 'Kết quả', staff: false, analysts: true, kinds: BOTH },
  { tab: 'comments', label: 'Ý kiến góp ý', staff: false, analysts: true, kinds: PAR },
];

export interface CampaignProps {
  campaign: CampaignDetail;
  staff: boolean;
  /** The campaign as an action left it (open, close, edit). */
  onChange: (c: Campaign) => void;
}

/** One campaign: its name, phase and dates, the tabs a role may see, and the tab's screen. */
export function CampaignScreen({
  id,
  tab: asked,
  run,
  user,
}: {
  id: string;
  tab: CampaignTab;
  /** The scoring run the results tab shows. */
  run?: string;
  user: User;
}) {
  const loaded = useLoad<CampaignDetail>(campaignApi(id));
  const staff = isStaff(user.role);
  const c = loaded.data;
  if (!c) {
    return loaded.error !== undefined ? (
      <>
        <p>
          <Link href="/console">← Các đợt khảo sát</Link>
        </p>
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      </>
    ) : (
      <Loading />
    );
  }
  const props: CampaignProps = {
    campaign: c,
    staff,
    onChange: (next) => loaded.setData((old) => (old ? { ...old, ...next } : old)),
  };
  // A SIPAS campaign opens on its collection points (its address has no tab).
  const tab = c.kind === 'sipas' && asked === 'tracking' ? 'points' : asked;
  const ofKind = (t: (typeof TABS)[number]) => t.kinds.includes(c.kind);
  const may = (t: (typeof TABS)[number] | undefined) =>
    (t?.analysts ? isAnalyst(user.role) : staff || !t?.staff) && (!t || ofKind(t));
  const shown = TABS.find((t) => t.tab === tab);
  const allowed = may(shown);
  return (
    <>
      <p class="crumbs">
        <Link href="/console">← Các đợt khảo sát</Link>
      </p>
      <h1>{c.name}</h1>
      <p class="meta">
        <span class={`phase ${c.phase}`}>{PHASE_NAMES[c.phase]}</span>
        <span>Mở: {vnDateTime(c.opensAt)}</span>
        <span>Đóng: {vnDateTime(c.closesAt)}</span>
        {c.kind === 'sipas' && <span class="kind">Khảo sát sự hài lòng (SIPAS)</span>}
        {c.archivedAt && <span class="archived">Đã lưu trữ</span>}
      </p>
      <Openings campaign={c} />
      <nav class="tabs" aria-label="Các mục của đợt khảo sát">
        {TABS.filter(may).map((t) => (
          <Link
            key={t.tab}
            href={campaignPath(c.id, t.tab === 'points' ? 'tracking' : t.tab)}
            current={t.tab === tab}
          >
            {t.tab === 'results' && c.kind === 'sipas' ? 'Hài lòng (SIPAS)' : t.label}
          </Link>
        ))}
      </nav>
      {shown && !ofKind(shown) ? (
        <p class="notice error" role="alert">
          {c.kind === 'sipas'
            ? 'Đợt khảo sát sự hài lòng (SIPAS) không có mục này.'
            : 'Mục này chỉ có ở đợt khảo sát sự hài lòng (SIPAS).'}
        </p>
      ) : !allowed ? (
        <p class="notice error" role="alert">
          Tài khoản của Ông/Bà không có quyền xem mục này.
        </p>
      ) : tab === 'points' ? (
        <PointsScreen {...props} />
      ) : tab === 'invitations' ? (
        <Invitations {...props} />
      ) : tab === 'roster' ? (
        <Roster {...props} />
      ) : tab === 'settings' ? (
        <Settings {...props} admin={user.role === 'admin'} />
      ) : tab === 'paper' ? (
        c.kind === 'sipas' ? (
          <SipasPaperScreen campaign={c} />
        ) : (
          <PaperScreen campaign={c} />
        )
      ) : tab === 'units' ? (
        <UnitsScreen {...props} />
      ) : tab === 'definition' ? (
        <DefinitionScreen campaign={c} onChange={props.onChange} />
      ) : tab === 'results' ? (
        <ResultsScreen campaign={c} run={run} />
      ) : tab === 'comments' ? (
        <CommentsScreen campaign={c} />
      ) : (
        <>
          {user.role === 'admin' && <PurgeNotice campaign={c} onChange={props.onChange} />}
          <TrackingScreen {...props} />
        </>
      )}
    </>
  );
}
