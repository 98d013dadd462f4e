import type { Model } from 'mongoose';

import { duplicateKeyIndexes } from '@appliance-care/platform';

import { ConsumedMessage } from './consumed-message';
import { InboxRecord } from './inbox';

/** The chunk's messages that carry an event to claim, first copies only (a later copy is a duplicate). */
function firstCopies(messages: ConsumedMessage[]): ConsumedMessage[] {
  const fresh: ConsumedMessage[] = [];
  const inChunk = new Set<string>();
  for (const consumed of messages) {
    if (!consumed.inboxId || consumed.outcome) continue;
    if (inChunk.has(consumed.inboxId)) consumed.outcome = 'duplicate';
    else {
      inChunk.add(consumed.inboxId);
      fresh.push(consumed);
    }
  }
  return fresh;
}

function claimOf(consumed: ConsumedMessage, group: string, at: Date): InboxRecord {
  const { event, meta } = consumed as Required<Pick<ConsumedMessage, 'event' | 'inboxId'>> & ConsumedMessage;
  const { topic, partition, offset } = meta;
  return {
    _id: consumed.inboxId as string,
    group,
    eventId: event.id,
    type: event.type,
    outcome: 'claimed',
    topic,
    partition,
    offset,
    at,
  };
}

/** Inserts unordered; returns the positions refused as duplicates (any other failure is thrown). */
async function insertRefused(inbox: Model<InboxRecord>, records: InboxRecord[]): Promise<number[]> {
  try {
    await inbox.insertMany(records, { ordered: false, lean: true });
    return [];
  } catch (err) {
    return duplicateKeyIndexes(err);
  }
}

/** Records by _id, in one read; rare: duplicates only. */
async function lookUp(inbox: Model<InboxRecord>, ids: string[]): Promise<Map<string, InboxRecord>> {
  const records = await inbox
    .find({ _id: { $in: ids } })
    .lean<InboxRecord[]>()
    .exec();
  return new Map(records.map((record) => [record._id, record]));
}

/** The claim found is this very delivery's (a crash or a lost partition came between claim and commit). */
function isSameDelivery(record: InboxRecord | undefined, consumed: ConsumedMessage): boolean {
  const { topic, partition, offset } = consumed.meta;
  return (
    record?.outcome === 'claimed' &&
    record.partition === partition &&
    record.offset === offset &&
    record.topic === topic
  );
}

/**
 * Claims the chunk's events in one unordered insert. A refused insert is a duplicate, unless the
 * record found is this very delivery's earlier claim, which is handled again.
 */
export async function claimInInbox(
  inbox: Model<InboxRecord>,
  group: string,
  messages: ConsumedMessage[],
): Promise<void> {
  const fresh = firstCopies(messages);
  if (fresh.length === 0) return;
  const at = new Date();
  const refused = await insertRefused(
    inbox,
    fresh.map((consumed) => claimOf(consumed, group, at)),
  );
  if (refused.length === 0) return;
  const existing = await lookUp(
    inbox,
    refused.map((index) => fresh[index].inboxId as string),
  );
  for (const index of refused) {
    const consumed = fresh[index];
    if (!isSameDelivery(existing.get(consumed.inboxId as string), consumed)) consumed.outcome = 'duplicate';
  }
}

/**
 * The outcomes a partition's committed offset does not cover, to be recorded in the inbox: events
 * done past a failure (redelivered with the failed one) as processed, dead letters as
 * dead-lettered; the other claims stay `claimed`, the offset covers them.
 */
export function outcomesBeyondCommit(messages: ConsumedMessage[], resolved: string | undefined): ConsumedMessage[] {
  const beyond = (consumed: ConsumedMessage) =>
    resolved === undefined || BigInt(consumed.message.offset) > BigInt(resolved);
  return messages.filter(
    (consumed) =>
      consumed.inboxId &&
      (consumed.outcome === 'dead-lettered' || (consumed.outcome === 'processed' && beyond(consumed))),
  );
}

/** Records the outcomes (see outcomesBeyondCommit) in one bulk write. */
export async function recordOutcomes(inbox: Model<InboxRecord>, recorded: ConsumedMessage[]): Promise<void> {
  if (recorded.length === 0) return;
  const updates = recorded.map((consumed) => ({
    updateOne: { filter: { _id: consumed.inboxId }, update: { $set: { outcome: consumed.outcome } }, upsert: true },
  }));
  await inbox.bulkWrite(updates, { ordered: false });
}
