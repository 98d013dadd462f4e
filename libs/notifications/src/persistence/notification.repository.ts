import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, QueryFilter } from 'mongoose';
import pLimit from 'p-limit';

import { EventEnvelope, NotificationChannel } from '@appliance-care/contracts';
import { outboxFields, withEvents } from '@appliance-care/messaging';
import { GroupCommit, isDuplicateKey } from '@appliance-care/platform';

import { LaneMember } from '../domain/delivery-order';
import { NotificationDraft, NotificationStatus } from '../domain/delivery-plan';
import { NOTIFICATION_MODEL, NotificationDoc } from './notification.schema';

export interface NotificationQuery {
  recipientId?: string;
  status?: NotificationStatus;
  channel?: NotificationChannel;
  eventType?: string;
  from?: Date;
  to?: Date;
  limit: number;
}

const DUE_STATUSES: NotificationStatus[] = ['pending', 'delayed'];

const PUBLIC_PROJECTION = { outbox: 0, outboxPending: 0, claim: 0 } as const;
const LANE_PROJECTION = {
  _id: 1,
  channel: 1,
  openThread: 1,
  seq: 1,
  status: 1,
  urgency: 1,
  dueAt: 1,
  claim: 1,
} as const;

/** A claim asked for: the due notification as read, and the end of the lease it would get. */
interface ClaimRequest {
  due: NotificationDoc;
  leaseEnd: Date;
}

/** The outcome of a claimed send, to be recorded with its events. */
interface Completion {
  doc: NotificationDoc;
  update: { $set: Partial<NotificationDoc> };
  events: EventEnvelope[];
}

@Injectable()
export class NotificationRepository {
  /** the claims and outcomes of the lanes being delivered at once, each group in one bulk write */
  private readonly claims = new GroupCommit((requests: ClaimRequest[]) => this.claimAll(requests));
  private readonly completions = new GroupCommit((completions: Completion[]) => this.completeAll(completions));

  constructor(@InjectModel(NOTIFICATION_MODEL) private readonly model: Model<NotificationDoc>) {}

  /**
   * Records notifications before anything is sent. An _id already there means this (event,
   * recipient, channel) was planned before: the existing document wins and nothing is added.
   */
  async insertNew(drafts: { draft: NotificationDraft; events: EventEnvelope[] }[]): Promise<void> {
    if (!drafts.length) return;
    const docs: NotificationDoc[] = drafts.map(({ draft, events }) => ({ ...draft, ...outboxFields(events) }));
    try {
      // through the model, unhydrated: withOutbox's hook wakes the relay for the in-app ones born sent
      await this.model.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /**
   * Up to `limit` due notifications. Shaped for FerretDB: one equality read per due status; each is
   * then claimed by a conditional update on its _id (a multi-document update would hold the store's
   * write lock for a whole scan). Unsorted on purpose: FerretDB sorts in memory, so sorting by dueAt
   * read and decoded every due notification on every round, each of them backlog/limit times (a
   * backlog slowed its own draining); unsorted, the read stops at `limit`. The order is the store's:
   * MongoDB's {status, dueAt} index (oldest due first), PostgreSQL's heap under FerretDB (roughly the
   * order written). A lane's order never depends on it (delivery-order.ts sorts by seq).
   */
  async findDue(now: Date, limit: number): Promise<NotificationDoc[]> {
    const candidates: NotificationDoc[] = [];
    for (const status of DUE_STATUSES) {
      if (candidates.length >= limit) break;
      const found = await this.model
        .find({ status, dueAt: { $lte: now } }, PUBLIC_PROJECTION)
        .limit(limit - candidates.length)
        .lean<NotificationDoc[]>()
        .exec();
      candidates.push(...found);
    }
    return candidates;
  }

  /**
   * Claims one due notification found by findDue, unless another round took it or it changed since:
   * dueAt moves to the end of the lease and the attempt is counted. Undefined when not claimed.
   * The claims asked for while one is being written go together in the next bulk write.
   */
  claim(due: NotificationDoc, now: Date, leaseMs: number): Promise<NotificationDoc | undefined> {
    return this.claims.submit({ due, leaseEnd: new Date(now.getTime() + leaseMs) });
  }

  /** One conditional update each, in one bulk write; read back (by the write's claim) only when some lost. */
  private async claimAll(requests: ClaimRequest[]): Promise<(NotificationDoc | undefined)[]> {
    const claim = randomUUID();
    const seen = new Set<string>();
    // the same notification twice in one write: the second request never wins (its read is stale)
    const distinct = requests.map(({ due }) => {
      if (seen.has(due._id)) return false;
      seen.add(due._id);
      return true;
    });
    const asked = requests.filter((_, i) => distinct[i]);
    const result = await this.model.bulkWrite(
      asked.map(({ due, leaseEnd }) => ({
        updateOne: {
          filter: { _id: due._id, status: due.status, dueAt: due.dueAt },
          update: { $set: { claim, dueAt: leaseEnd }, $inc: { attempts: 1 } },
        },
      })),
      { ordered: false },
    );
    const won =
      result.modifiedCount === asked.length
        ? undefined
        : await this.claimedBy(
            claim,
            asked.map(({ due }) => due._id),
          );
    return requests.map(({ due, leaseEnd }, i) =>
      distinct[i] && (!won || won.has(due._id))
        ? { ...due, claim, dueAt: leaseEnd, attempts: due.attempts + 1 }
        : undefined,
    );
  }

  private async claimedBy(claim: string, ids: string[]): Promise<Set<string>> {
    const claimed = await this.model
      .find({ _id: { $in: ids }, claim }, { _id: 1 })
      .lean<{ _id: string }[]>()
      .exec();
    return new Set(claimed.map(({ _id }) => _id));
  }

  /** Due notifications that must wait for an earlier one of their lane: each due again at its `until` (no attempt counted), in one bulk write. */
  async postpone(postponed: { notification: NotificationDoc; until: Date }[]): Promise<void> {
    if (postponed.length === 0) return;
    await this.model.bulkWrite(
      postponed.map(({ notification: due, until }) => ({
        updateOne: {
          filter: { _id: due._id, status: due.status, dueAt: due.dueAt },
          update: { $set: { dueAt: until } },
        },
      })),
      { ordered: false },
    );
  }

  /** The open (pending or delayed) notifications of these recipient threads: one equality query per thread. */
  async openInThreads(threads: string[], concurrency = 16): Promise<LaneMember[]> {
    const limit = pLimit(concurrency);
    const perThread = await Promise.all(
      [...new Set(threads)].map((openThread) =>
        limit(() => this.model.find({ openThread }, LANE_PROJECTION).lean<LaneMember[]>().exec()),
      ),
    );
    return perThread.flat();
  }

  /**
   * Records the outcome of a claimed send with its events, unless the claim was lost (lease ran
   * out, another round took it). A final outcome (sent, failed) closes the notification in its lane.
   * The outcomes recorded while one write is in flight go together in the next bulk write.
   */
  complete(doc: NotificationDoc, update: { $set: Partial<NotificationDoc> }, events: EventEnvelope[]): Promise<void> {
    return this.completions.submit({ doc, update, events });
  }

  private async completeAll(completions: Completion[]): Promise<void[]> {
    await this.model.bulkWrite(
      completions.map(({ doc, update, events }) => {
        const closes = update.$set.status === 'sent' || update.$set.status === 'failed';
        const $unset = closes ? { claim: 1, openThread: 1 } : { claim: 1 };
        return {
          updateOne: {
            filter: { _id: doc._id, claim: doc.claim },
            update: withEvents<NotificationDoc>({ ...update, $unset }, events) as never,
          },
        };
      }),
      { ordered: false },
    );
    return completions.map(() => undefined);
  }

  async query(query: NotificationQuery): Promise<NotificationDoc[]> {
    const { recipientId, status, channel, eventType, from, to } = query;
    const filter: QueryFilter<NotificationDoc> = {};
    if (recipientId) filter.recipientId = recipientId;
    if (status) filter.status = status;
    if (channel) filter.channel = channel;
    if (eventType) filter.sourceEventType = eventType;
    if (from || to) filter.createdAt = { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) };
    return this.model
      .find(filter, PUBLIC_PROJECTION)
      .sort({ createdAt: -1, _id: 1 })
      .limit(query.limit)
      .lean<NotificationDoc[]>()
      .exec();
  }

  /** The in-app feed: newest first, or (for a stream) everything after a point in time, oldest first. */
  async feed(recipientId: string, options: { limit: number; after?: Date }): Promise<NotificationDoc[]> {
    const filter: QueryFilter<NotificationDoc> = { recipientId, channel: 'in-app', status: 'sent' };
    if (options.after) filter.createdAt = { $gte: options.after };
    return this.model
      .find(filter, PUBLIC_PROJECTION)
      .sort(options.after ? { createdAt: 1, _id: 1 } : { createdAt: -1, _id: 1 })
      .limit(options.limit)
      .lean<NotificationDoc[]>()
      .exec();
  }

  async findById(id: string): Promise<NotificationDoc | undefined> {
    return (await this.model.findById(id, PUBLIC_PROJECTION).lean<NotificationDoc>().exec()) ?? undefined;
  }
}
