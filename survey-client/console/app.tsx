import { useEffect, useState } from 'preact/hooks';
import { api, onSignedOut, setCsrfToken } from './api';
import { Header } from './parts/header';
import { ErrorNotice, Loading } from './parts/notice';
import { navigate, parseRoute, usePathname } from './router';
import { Screen } from './screen';
import { Account } from './screens/account';
import { Login } from './screens/login';
import type { Me, Session } from './types';

type State =
  | { k: 'loading' }
  | { k: 'failed'; error: unknown }
  | { k: 'out'; expired: boolean }
  | { k: 'in'; session: Session };

/** Who is signed in, the header, and the screen the address asks for. */
export function App() {
  const [state, setState] = useState<State>({ k: 'loading' });
  const path = usePathname();

  const signIn = (session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ k: 'in', session });
  };
  const check = () => {
    setState({ k: 'loading' });
    // The probe answers 200 either way: the sign-in page leaves no 401 in the browser's console.
    api<Me>('GET', '/api/auth/me').then(
      (me) => (me.signedIn ? signIn(me) : setState({ k: 'out', expired: false })),
      (error: unknown) => setState({ k: 'failed', error }),
    );
  };
  useEffect(() => {
    onSignedOut(() => {
      setCsrfToken('');
      setState((s) => ({ k: 'out', expired: s.k === 'in' }));
    });
    check();
  }, []);

  const route = parseRoute(path);
  // Signed in, the sign-in page has nothing to show: go to the campaigns.
  useEffect(() => {
    if (state.k === 'in' && route.name === 'login') navigate('/console', true);
  }, [state.k, route.name]);

  if (state.k === 'loading') return <Loading />;
  if (state.k === 'failed')
    return (
      <main>
        <ErrorNotice error={state.error} onRetry={check} />
      </main>
    );
  if (state.k === 'out') return <Login expired={state.expired} onSignedIn={signIn} />;

  const signOut = async () => {
    await api('POST', '/api/auth/logout').catch(() => undefined);
    setCsrfToken('');
    setState({ k: 'out', expired: false });
    navigate('/console/login');
  };
  const { session } = state;
  const changed = () =>
    setState({
      k: 'in',
      session: { ...session, user: { ...session.user, mustChangePassword: false } },
    });
  return (
    <>
      <Header user={session.user} organisation={session.organisation} onSignOut={signOut} />
      {/* Those who print slips and paper forms or send links are told before they waste a print
          run on links no phone can open (issue #13.2). */}
      {session.publicUrlWarning && session.user.role !== 'analyst' && (
        <p class="notice error url-warning" role="alert">
          ⚠ {session.publicUrlWarning}
        </p>
      )}
      <main id="main">
        {/* Until a password set by someone else is changed, the server refuses everything else. */}
        {session.user.mustChangePassword ? (
          <Account forced onChanged={changed} />
        ) : (
          <Screen route={route} user={session.user} />
        )}
      </main>
    </>
  );
}
