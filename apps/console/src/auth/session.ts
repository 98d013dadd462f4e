/** Who is signed in: the bearer token and what it says. Kept in this tab's sessionStorage only. */
export type ConsoleRole = 'dispatcher' | 'admin' | 'technician' | 'customer' | 'librarian' | 'library-technician';

/** The roles whose token carries a technician id: whose jobs, or whose library queue, the person sees. */
export const TECHNICIAN_ROLES: readonly ConsoleRole[] = ['technician', 'library-technician'];

export interface Session {
  token: string;
  role: ConsoleRole;
  sub: string;
  technicianId?: string;
  customerId?: string;
}

const KEY = 'appliance-care.session';

export function loadSession(): Session | undefined {
  try {
    const stored = sessionStorage.getItem(KEY);
    return stored ? (JSON.parse(stored) as Session) : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

export interface SignInRequest {
  role: ConsoleRole;
  technicianId?: string;
  customerId?: string;
}

/** Asks the console server for a development token (POST /auth/dev-token); answers the session or why not. */
export async function devSignIn(request: SignInRequest): Promise<Session> {
  const res = await fetch('/auth/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.detail ?? `sign-in failed (${res.status})`);
  const { token, principal } = body as { token: string; principal: { sub: string; roles: ConsoleRole[] } };
  return { token, role: principal.roles[0], sub: principal.sub, ...idsOf(request) };
}

const idsOf = (r: SignInRequest) => ({
  ...(TECHNICIAN_ROLES.includes(r.role) ? { technicianId: r.technicianId } : {}),
  ...(r.role === 'customer' ? { customerId: r.customerId } : {}),
});

/** Whether this console mints development tokens (GET /auth/config). */
export async function devLoginEnabled(): Promise<boolean> {
  const res = await fetch('/auth/config').catch(() => undefined);
  if (!res?.ok) return false;
  return Boolean(((await res.json()) as { devLogin?: boolean }).devLogin);
}
