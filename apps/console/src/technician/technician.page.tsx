import { useSession } from '../auth/session.context';

/** The technician's day (issue 18, part 3): built on this skeleton next. */
export function TechnicianPage() {
  const { session } = useSession();
  return (
    <section aria-labelledby="technician-title">
      <h1 id="technician-title">My day</h1>
      <p>Signed in as technician {session?.technicianId}. The day's jobs will be listed here.</p>
    </section>
  );
}
