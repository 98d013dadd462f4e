import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data?: T;
  error?: unknown;
  /** loads again now (after an action), without waiting for the next tick */
  reload: () => void;
}

/**
 * Loads `load()` now and every `intervalMs` while the screen is shown, so the screen follows what
 * events change without a manual refresh. `key` changes (another day, another filter) load at once.
 */
export function usePolled<T>(load: () => Promise<T>, key: string, intervalMs = 4000): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const loadRef = useRef(load);
  loadRef.current = load;
  const run = useCallback(() => {
    loadRef.current().then(
      (data) => setState({ data, error: undefined }),
      (error: unknown) => setState((prev) => ({ data: prev.data, error })),
    );
  }, []);
  useEffect(() => {
    run();
    const timer = window.setInterval(run, intervalMs);
    return () => window.clearInterval(timer);
  }, [run, key, intervalMs]);
  return { ...state, reload: run };
}
