import { Fragment } from 'react';

import { ErrorMessage } from '../shared/error-message.component';
import { Polled } from '../shared/use-polled.hook';
import { FeedEntry } from './customer.api';
import { when } from './format';

const LINK = /(https?:\/\/[^\s]+)/g;

/** The survey link of the newest message about this appliance that carries one (after a completed job). */
export function surveyLinkFor(feed: FeedEntry[] | undefined, applianceId: string): string | undefined {
  for (const entry of feed ?? []) {
    if (entry.applianceId !== applianceId) continue;
    const link = entry.text.match(LINK)?.find((url) => url.includes('/feedback-links/'));
    if (link) return link;
  }
  return undefined;
}

/**
 * The customer's in-app messages, newest first. Links in them (the survey after a job, the appointment
 * link) are the signed links the message was sent with: shown as links to open, never rewritten.
 */
export function NotificationFeed({ feed }: { feed: Polled<FeedEntry[]> }) {
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
