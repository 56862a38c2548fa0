import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, NETWORK_MESSAGE } from '../api';
import { ErrorNotice, Loading } from '../parts/notice';

/**
 * The results screens, loaded on first use: only analysts and admins open them, so an officer's
 * console never downloads their code, nor chart.js behind it.
 */
type Screens = typeof import('./screens');

let screens: Screens | undefined;
let pending: Promise<Screens> | undefined;

function useScreens() {
  const [mod, setMod] = useState(screens);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (mod) return;
    let gone = false;
    pending ??= import('./screens');
    pending.then(
      (m) => {
        screens = m;
        if (!gone) setMod(m);
      },
      () => {
        // A lost connection: try again on the next visit.
        pending = undefined;
        if (!gone) setFailed(true);
      },
    );
    return () => {
      gone = true;
    };
  }, []);
  return { mod, failed };
}

function lazy<P extends object>(pick: (m: Screens) => FunctionComponent<P>) {
  return function Lazy(props: P) {
    const { mod, failed } = useScreens();
    if (failed) return <ErrorNotice error={new ApiFailure(0, 'network', NETWORK_MESSAGE)} />;
    if (!mod) return <Loading />;
    const Screen = pick(mod);
    return <Screen {...props} />;
  };
}

export const ResultsScreen = lazy((m) => m.ResultsScreen);
export const CommentsScreen = lazy((m) => m.CommentsScreen);
export const UnitReport = lazy((m) => m.UnitReport);
