import { useEffect } from 'react';

import { LoginPage } from './auth/login.page';
import { useSession } from './auth/session.context';
import { LOGIN_PATH, screenFor } from './routing/role-routes';
import { navigate, usePath } from './routing/router.hook';

/** The shell: who is signed in, and the screen of their role (or the sign-in page). */
export function App() {
  const { session, signOut } = useSession();
  const path = usePath();
  const screen = session ? screenFor(path, session.role) : undefined;
  useEffect(() => {
    const wanted = screen ? screen.path : LOGIN_PATH;
    if (path !== wanted) navigate(wanted, true);
  }, [path, screen]);

  return (
    <>
      <header className="app-header">
        <span className="brand">appliance-care console</span>
        {session && (
          <span className="who">
            {session.role} {session.technicianId ?? session.customerId ?? ''}
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </span>
        )}
      </header>
      <main>{screen ? <screen.component /> : <LoginPage />}</main>
    </>
  );
}
