import { Fragment } from 'react';

import { ErrorMessage } from '../shared/error-message.component';
import { usePolled } from '../shared/use-polled.hook';
import { CustomerApi } from './customer.api';
import { when } from './format';

const LINK = /(https?:\/\/[^\s]+)/g;

/**
 * The customer's in-app messages, newest first. Links in them (the survey after a job, the appointment
 * link) are the signed links the message was sent with: shown as links to open, never rewritten.
 */
export function NotificationFeed({ api, recipientId }: { api: CustomerApi; recipientId: string }) {
  const feed = usePolled(() => api.feed(recipientId), recipientId);
  return (
    <section className="feed" aria-labelledby="feed-title">
      <h2 id="feed-title">Messages</h2>
      <ErrorMessage error={feed.error} />
      {feed.data?.length === 0 ? <p>No messages yet.</p> : null}
      <ul>
        {feed.data?.map((entry) => (
          <li key={entry.id} data-event-type={entry.eventType}>
            <strong>{entry.subject ?? entry.eventType}</strong>{' '}
            <time dateTime={entry.createdAt}>{when(entry.createdAt)}</time>
            <p>
              <Linked text={entry.text} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Linked({ text }: { text: string }) {
  return (
    <>
      {text.split(LINK).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} target="_blank" rel="noreferrer noopener">
            {linkName(part)}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** the token in a signed link is long and says nothing to a person: name the link by what it opens */
function linkName(url: string): string {
  if (url.includes('/feedback-links/')) return 'Rate this job';
  if (url.includes('/appointment-links/')) return 'Change or cancel this appointment';
  return url;
}
