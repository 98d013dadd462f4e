import { useSession } from '../auth/session.context';

/** The customer's self-service page (issue 18, part 4): built on this skeleton next. */
export function CustomerPage() {
  const { session } = useSession();
  return (
    <section aria-labelledby="customer-title">
      <h1 id="customer-title">My appliances</h1>
      <p>Signed in as customer {session?.customerId}. Your appliances will be listed here.</p>
    </section>
  );
}
