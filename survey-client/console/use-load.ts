import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api';

export interface Loaded<T> {
  data: T | undefined;
  /** The failure of the last load (its message is the server's, in Vietnamese). */
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the data after an action answered with the new state. */
  setData: (update: (old: T | undefined) => T | undefined) => void;
}

/**
 * GETs `path` and keeps the answer; loads again when the path changes or on reload(). Only the
 * latest request's answer is kept, so a slow reply to an old filter never replaces a new one.
 */
export function useLoad<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (path === null) return;
    const mine = ++latest.current;
    setState((s) => ({ data: s.data, loading: true }));
    api<T>('GET', path).then(
      (data) => {
        if (mine === latest.current) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (mine === latest.current) setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
  }, [path, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback(
    (update: (old: T | undefined) => T | undefined) =>
      setState((s) => ({ ...s, data: update(s.data) })),
    [],
  );
  return { data: state.data, error: state.error, loading: state.loading, reload, setData };
}
