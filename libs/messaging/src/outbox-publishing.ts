import { Producer } from 'kafkajs';

import { inPublishSpans } from '@appliance-care/telemetry';

import { kafkaRefusal } from './kafka-refusal';
import { outboxLag, outboxPublished } from './messaging.metrics';
import { OutboxEntry } from './outbox';
import { Pending, PendingDocument, Refused } from './outbox-pending';
import { assertAnswered } from './produce-coverage';

/** Bytes of events per produce request: under Kafka's default message.max.bytes (1 MB). */
const MAX_REQUEST_BYTES = 900_000;

/** Consecutive slices of at most `limit` bytes (a single larger entry travels alone, and Kafka says if it is too large). */
export function byRequestSize(entries: OutboxEntry[], limit = MAX_REQUEST_BYTES): OutboxEntry[][] {
  const parts: OutboxEntry[][] = [];
  let current: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entry.value.length + entry.key.length + JSON.stringify(entry.headers).length + 64;
    if (current.length && bytes + size > limit) {
      parts.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length) parts.push(current);
  return parts;
}

/**
 * All entries of the documents, each document's in array order, documents interleaved by write
 * stamp (a document's stamps are made non-decreasing first, so a writer with a slower clock cannot
 * pull a later entry ahead of an earlier one of the same document).
 */
export function publicationOrder(pending: { doc: Pick<PendingDocument, 'outbox'> }[]): OutboxEntry[] {
  const stamped: { entry: OutboxEntry; stamp: number }[] = [];
  for (const { doc } of pending) {
    let stamp = -Infinity;
    for (const entry of doc.outbox ?? []) {
      stamp = Math.max(stamp, entry.at);
      stamped.push({ entry, stamp });
    }
  }
  return stamped.sort((a, b) => a.stamp - b.stamp).map(({ entry }) => entry); // stable: ties keep array order
}

/** One produce request's entries grouped by topic, in order within each. */
function topicMessages(entries: OutboxEntry[]) {
  const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
  for (const { topic, key, value, headers } of entries) {
    const messages = byTopic.get(topic) ?? [];
    messages.push({ key, value, headers });
    byTopic.set(topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** Where the relay's sends go: its producer, and how to give it up (see RelayProducer). */
export interface ProducerSource {
  connected(): Promise<Producer>;
  drop(): Promise<void>;
}

/**
 * The documents' entries in publication order, in consecutive produce requests of at most
 * MAX_REQUEST_BYTES (Kafka refuses a partition's batch over message.max.bytes, so a document's
 * backlog of small events must not travel as one); one request in flight keeps the order. A
 * request counts only when every partition it went to answered.
 *
 * A producer whose send failed is dropped before anything else is sent: kafkajs then rewinds the
 * sequence numbers of every partition of the request, those Kafka stored included, and a later
 * send of other events under a rewound range the broker already holds is answered as a duplicate
 * of the stored batch: acknowledged, and not stored (a loss), or refused as out of order.
 */
export async function publish(source: ProducerSource, pending: Pending[]): Promise<void> {
  const entries = publicationOrder(pending);
  if (entries.length === 0) return;
  const producer = await source.connected();
  for (const part of byRequestSize(entries)) {
    // each event's publish span continues the trace its writer stored with it (ce_traceparent)
    await inPublishSpans(part, async (headers) => {
      const sent = topicMessages(part.map((entry, i) => ({ ...entry, headers: headers[i] })));
      try {
        // a resolved sendBatch may still have left partitions unsent (see produce-coverage.ts): the
        // round then fails like any transient one and these entries stay in their outboxes
        assertAnswered(sent, await producer.sendBatch({ acks: -1, topicMessages: sent }));
      } catch (err) {
        await source.drop();
        throw err;
      }
    });
  }
}

const firstStamp = ({ doc }: Pending) => doc.outbox?.[0]?.at ?? 0;

/**
 * After a send failed: document by document, in order, to find those Kafka refuses for good (they
 * are parked) and publish the others; a transient failure ends the round with what went out so far
 * (or, when nothing did, with the first failure).
 */
export async function publishIsolating(
  producer: ProducerSource,
  pending: Pending[],
  firstFailure: unknown,
): Promise<{ published: Pending[]; refused: Refused[] }> {
  const published: Pending[] = [];
  const refused: Refused[] = [];
  for (const document of [...pending].sort((a, b) => firstStamp(a) - firstStamp(b))) {
    try {
      await publish(producer, [document]);
      published.push(document);
    } catch (err) {
      const reason = kafkaRefusal(err);
      if (reason) refused.push({ pending: document, reason });
      else if (published.length || refused.length) break;
      else throw firstFailure;
    }
  }
  return { published, refused };
}

export function observePublished(published: Pending[]): void {
  const now = Date.now();
  for (const { doc } of published) {
    for (const entry of doc.outbox ?? []) {
      outboxPublished.inc({ topic: entry.topic });
      outboxLag.observe((now - entry.at) / 1000);
    }
  }
}
