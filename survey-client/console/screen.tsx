import { AdminScreen } from './admin/admin-screen';
import { Link } from './parts/link';
import { UnitReport } from './results';
import type { Route } from './router';
import { Account } from './screens/account';
import { CampaignScreen } from './screens/campaign';
import { Campaigns } from './screens/campaigns';
import type { User } from './types';

/** The screen for an address; a campaign's screens share its heading and tabs. */
export function Screen({ route, user }: { route: Route; user: User }) {
  switch (route.name) {
    case 'campaigns':
    case 'login':
      return <Campaigns user={user} />;
    case 'campaign':
      return (
        <CampaignScreen key={route.id} id={route.id} tab={route.tab} run={route.run} user={user} />
      );
    case 'unit-report':
      return (
        <UnitReport
          key={`${route.id}/${route.run}/${route.unit}`}
          id={route.id}
          run={route.run}
          unit={route.unit}
          user={user}
        />
      );
    case 'admin':
      return <AdminScreen page={route.page} user={user} />;
    case 'account':
      return <Account />;
    default:
      return (
        <>
          <h1>Không tìm thấy trang này</h1>
          <p>
            <Link href="/console">Về danh sách đợt khảo sát</Link>
          </p>
        </>
      );
  }
}
