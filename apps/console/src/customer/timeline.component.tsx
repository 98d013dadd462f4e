import { ErrorMessage } from '../shared/error-message.component';
import { usePolled } from '../shared/use-polled.hook';
import { CustomerApi } from './customer.api';
import { when } from './format';

/** What happened to the appliance, oldest first: who did what, when (portal's timeline). */
export function Timeline({ api, applianceId }: { api: CustomerApi; applianceId: string }) {
  const timeline = usePolled(() => api.timeline(applianceId), applianceId);
  return (
    <details className="timeline">
      <summary>Timeline ({timeline.data?.entries.length ?? '…'} entries)</summary>
      <ErrorMessage error={timeline.error} />
      <ol aria-label="Timeline">
        {timeline.data?.entries.map((entry) => (
          <li key={entry.id} data-type={entry.type}>
            <time dateTime={entry.time}>{when(entry.time)}</time> {entry.summary}
            {entry.who.name ? ` (${entry.who.name})` : ''}
          </li>
        ))}
      </ol>
    </details>
  );
}
