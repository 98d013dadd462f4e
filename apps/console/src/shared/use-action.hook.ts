import { useState } from 'react';

export interface Action {
  busy: boolean;
  error?: unknown;
  /** runs the step; on success clears the error and tells the screen to load again */
  run: (step: () => Promise<unknown>) => Promise<boolean>;
}

/**
 * One step a person takes (a technician's step, a librarian's decision): busy while it runs, the
 * API's refusal kept to be shown in words.
 */
export function useAction(onDone: () => void): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (step: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await step();
      setError(undefined);
      onDone();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
