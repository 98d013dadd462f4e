import { FormEvent, useEffect, useState } from 'react';

import { homeOf } from '../routing/role-routes';
import { navigate } from '../routing/router.hook';
import { ErrorMessage } from '../shared/error-message.component';
import { ConsoleRole, devLoginEnabled, devSignIn, TECHNICIAN_ROLES } from './session';
import { useSession } from './session.context';

const ROLES: { role: ConsoleRole; label: string }[] = [
  { role: 'dispatcher', label: 'Dispatcher' },
  { role: 'admin', label: 'Administrator' },
  { role: 'technician', label: 'Technician' },
  { role: 'customer', label: 'Customer' },
  { role: 'librarian', label: 'Librarian' },
  { role: 'library-technician', label: 'Library technician' },
];

/** The id field the role signs in with, if any (a library technician's id looks like LT-CEN-001). */
function idLabelOf(role: ConsoleRole): string | undefined {
  if (TECHNICIAN_ROLES.includes(role)) return 'Technician id';
  return role === 'customer' ? 'Customer id' : undefined;
}

/** The sign-in's state: the role and id chosen, and signing in with them. */
function useDevSignIn() {
  const { signIn } = useSession();
  const [available, setAvailable] = useState<boolean | undefined>(undefined);
  const [role, setRole] = useState<ConsoleRole>('dispatcher');
  const [id, setId] = useState('');
  const [error, setError] = useState<unknown>();
  useEffect(() => void devLoginEnabled().then(setAvailable), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const session = await devSignIn({ role, technicianId: id.trim(), customerId: id.trim() });
      signIn(session);
      navigate(homeOf(session.role).path, true);
    } catch (err) {
      setError(err);
    }
  };
  return { available, role, setRole, id, setId, error, submit };
}

/** Development sign-in: a role and, for technicians (appliance or library) and customers, their id. */
export function LoginPage() {
  const s = useDevSignIn();
  if (s.available === false) return <IdentityProviderNotice />;
  const idLabel = idLabelOf(s.role);
  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      <p>Development sign-in: the console mints a token for the role you choose.</p>
      <form onSubmit={s.submit}>
        <label htmlFor="login-role">Role</label>
        <select id="login-role" value={s.role} onChange={(e) => s.setRole(e.target.value as ConsoleRole)}>
          {ROLES.map((r) => (
            <option key={r.role} value={r.role}>
              {r.label}
            </option>
          ))}
        </select>
        {idLabel && (
          <>
            <label htmlFor="login-id">{idLabel}</label>
            <input id="login-id" value={s.id} onChange={(e) => s.setId(e.target.value)} required autoComplete="off" />
          </>
        )}
        <button type="submit" disabled={s.available === undefined}>
          Sign in
        </button>
      </form>
      <ErrorMessage error={s.error} />
    </section>
  );
}

function IdentityProviderNotice() {
  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      <p>
        This console uses your organisation&apos;s identity provider: development sign-in is off (production, or
        JWT_JWKS_URL is set). Sign in through the identity provider (OpenID Connect, authorization code with PKCE).
      </p>
    </section>
  );
}
