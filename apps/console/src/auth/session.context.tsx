import { createContext, ReactNode, useContext, useMemo, useState } from 'react';

import { ApiClient } from '../api/api-client';
import { clearSession, loadSession, saveSession, Session } from './session';

interface SessionState {
  session?: Session;
  api?: ApiClient;
  signIn: (session: Session) => void;
  signOut: () => void;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

/** The signed-in person and an API client carrying their token, for every screen. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const state = useMemo<SessionState>(() => {
    const signOut = () => {
      clearSession();
      setSession(undefined);
    };
    return {
      session,
      // a 401 means the token expired or was refused: back to the sign-in page
      api: session ? new ApiClient(session.token, signOut) : undefined,
      signIn: (next) => {
        saveSession(next);
        setSession(next);
      },
      signOut,
    };
  }, [session]);
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The API client of a screen behind the sign-in (the router renders those only with a session). */
export function useApi(): ApiClient {
  const { api } = useSession();
  if (!api) throw new Error('useApi without a session');
  return api;
}
