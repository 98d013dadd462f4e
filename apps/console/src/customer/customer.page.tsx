import './customer.css';

import { useMemo } from 'react';

import { useSession } from '../auth/session.context';
import { ErrorMessage } from '../shared/error-message.component';
import { usePolled } from '../shared/use-polled.hook';
import { ApplianceCard } from './appliance-card.component';
import { customerApi } from './customer.api';
import { NotificationFeed, surveyLinkFor } from './notification-feed.component';
import { PreferencesForm } from './preferences.form';

/** The customer's self-service page: their appliances (the id comes from their token), messages and preferences. */
export function CustomerPage() {
  const { session, api: client } = useSession();
  const api = useMemo(() => (client ? customerApi(client) : undefined), [client]);
  const customerId = session?.customerId;
  if (!api || !customerId) return <p className="error">This sign-in carries no customer id.</p>;
  return <CustomerScreen api={api} customerId={customerId} />;
}

function CustomerScreen({ api, customerId }: { api: ReturnType<typeof customerApi>; customerId: string }) {
  const appliances = usePolled(() => api.appliances(customerId), customerId);
  const installations = usePolled(() => api.installations(customerId), customerId);
  const feed = usePolled(() => api.feed(customerId), customerId);
  const reload = () => {
    appliances.reload();
    installations.reload();
  };
  return (
    <div className="customer">
      <section aria-labelledby="customer-title" className="appliances">
        <h1 id="customer-title">My appliances</h1>
        <ErrorMessage error={appliances.error} />
        {appliances.data?.length === 0 ? <p>No appliances registered to you yet.</p> : null}
        {appliances.data?.map((summary) => (
          <ApplianceCard
            key={summary.applianceId}
            api={api}
            customerId={customerId}
            summary={summary}
            installation={installations.data?.find((i) => i.applianceId === summary.applianceId)}
            surveyLink={surveyLinkFor(feed.data, summary.applianceId)}
            onChanged={reload}
          />
        ))}
      </section>
      <aside className="customer-side">
        <NotificationFeed feed={feed} />
        <PreferencesForm api={api} recipientId={customerId} />
      </aside>
    </div>
  );
}
