import { useEffect, useState } from 'preact/hooks';

/** The console's screens, read from `location.pathname` under /console. */
export type CampaignTab =
  | 'tracking'
  | 'invitations'
  | 'roster'
  | 'settings'
  | 'results'
  | 'comments'
  | 'paper'
  | 'definition'
  | 'units'
  /** A SIPAS campaign's collection points (issue #14). */
  | 'points';
export type Route =
  | { name: 'login' }
  | { name: 'campaigns' }
  | { name: 'campaign'; id: string; tab: CampaignTab; run?: string }
  /** The printable report of one unit in one scoring run (results/unit-report.tsx). */
  | { name: 'unit-report'; id: string; run: string; unit: string }
  /** Accounts, organisations and the audit log (admin/admin-screen.tsx). */
  | { name: 'admin'; page: 'users' | 'organisations' | 'audit' }
  | { name: 'account' }
  | { name: 'not-found' };

const TABS: Record<string, CampaignTab> = {
  '': 'tracking',
  invitations: 'invitations',
  roster: 'roster',
  settings: 'settings',
  results: 'results',
  comments: 'comments',
  paper: 'paper',
  definition: 'definition',
  units: 'units',
  points: 'points',
};

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/console') return { name: 'campaigns' };
  if (path === '/console/login') return { name: 'login' };
  if (path === '/console/account') return { name: 'account' };
  if (path === '/console/admin' || path === '/console/admin/users')
    return { name: 'admin', page: 'users' };
  if (path === '/console/admin/audit') return { name: 'admin', page: 'audit' };
  if (path === '/console/admin/organisations') return { name: 'admin', page: 'organisations' };
  // Results: /console/c/<id>/results/<run>[/unit/<code>]; every part is data, escaped.
  const r = /^\/console\/c\/([^/]+)\/results\/([^/]+)(?:\/unit\/([^/]+))?$/.exec(path);
  if (r?.[1] && r[2]) {
    try {
      const [id, run] = [decodeURIComponent(r[1]), decodeURIComponent(r[2])];
      return r[3]
        ? { name: 'unit-report', id, run, unit: decodeURIComponent(r[3]) }
        : { name: 'campaign', id, tab: 'results', run };
    } catch {
      return { name: 'not-found' };
    }
  }
  const m = /^\/console\/c\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  const tab = m ? TABS[m[2] ?? ''] : undefined;
  if (m?.[1] && tab) {
    try {
      return { name: 'campaign', id: decodeURIComponent(m[1]), tab };
    } catch {
      return { name: 'not-found' };
    }
  }
  return { name: 'not-found' };
}

export const campaignPath = (id: string, tab: CampaignTab = 'tracking') =>
  `/console/c/${encodeURIComponent(id)}${tab === 'tracking' ? '' : `/${tab}`}`;

const EVENT = 'console:navigate';

/** Goes to another screen without reloading the page. */
export function navigate(path: string, replace = false) {
  if (path === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(EVENT));
  window.scrollTo?.(0, 0);
}

/** The current pathname, re-rendering on navigate() and on the browser's back/forward. */
export function usePathname(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    window.addEventListener('popstate', update);
    window.addEventListener(EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return path;
}

/** A click on an in-console link, unless the officer wants a new tab. */
export function followLink(e: MouseEvent) {
  const a = e.currentTarget as HTMLAnchorElement;
  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(a.getAttribute('href') ?? '/console');
}
