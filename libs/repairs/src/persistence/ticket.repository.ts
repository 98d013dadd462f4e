import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { outboxFields } from '@appliance-care/messaging';

import { RepairTicket, TicketHistoryEntry, TicketState } from '../domain/repair-ticket';
import { TicketStatus } from '../domain/ticket-status';
import { TICKET_CHANGE_MODEL, TICKET_MODEL, TicketChangeDocument, TicketDocument } from './ticket.schema';

export interface StoredTicket {
  state: TicketState;
  history: TicketHistoryEntry[];
  idempotencyKeys: string[];
}

export interface TicketFilter {
  technicianId?: string;
  customerId?: string;
  applianceId?: string;
  status?: TicketStatus;
  escalated?: boolean;
  limit: number;
}

type Snapshot = Omit<TicketDocument, '_id'>;

const DUPLICATE_KEY = 11000;
const changeId = (ticketId: string, version: number): string => `${ticketId}#${version}`;
const isDuplicate = (err: unknown): boolean => (err as { code?: number }).code === DUPLICATE_KEY;

// mongo keeps no `undefined`: a cleared optional is stored as null and read back as absent
function snapshotOf(stored: StoredTicket): Snapshot {
  const { ticketId: _id, ...rest } = stored.state;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) out[k] = v === undefined ? null : v;
  return {
    ...out,
    history: stored.history,
    idempotencyKeys: stored.idempotencyKeys,
    version: stored.state.version,
  } as Snapshot;
}

function fromDoc(ticketId: string, doc: Record<string, unknown>): StoredTicket {
  const { _id: _i, history, idempotencyKeys, ...rest } = doc;
  const state: Record<string, unknown> = { ticketId };
  for (const [k, v] of Object.entries(rest)) if (v !== null && v !== undefined) state[k] = v;
  return {
    state: state as unknown as TicketState,
    history: (history as TicketHistoryEntry[]) ?? [],
    idempotencyKeys: (idempotencyKeys as string[]) ?? [],
  };
}

/** The stored result of a change: version + 1, history and keys appended. */
export function afterChange(stored: StoredTicket, ticket: RepairTicket, idempotencyKey?: string): StoredTicket {
  return {
    state: { ...ticket.state, version: ticket.state.version + 1 },
    history: [...stored.history, ...ticket.newHistory],
    idempotencyKeys: idempotencyKey ? [...stored.idempotencyKeys, idempotencyKey] : stored.idempotencyKeys,
  };
}

@Injectable()
export class TicketRepository {
  constructor(
    @InjectModel(TICKET_MODEL) private readonly tickets: Model<TicketDocument>,
    @InjectModel(TICKET_CHANGE_MODEL) private readonly changes: Model<TicketChangeDocument>,
  ) {}

  /** Stores a new ticket (version 1) with its events; false when the case already has one. */
  async insert(ticket: RepairTicket, events: EventEnvelope[]): Promise<boolean> {
    const empty: StoredTicket = { state: ticket.state, history: [], idempotencyKeys: [] };
    return this.append(afterChange(empty, ticket), events);
  }

  /**
   * Creates the next version with its events. False when another writer created that version
   * first: read again and retry.
   */
  async save(
    stored: StoredTicket,
    ticket: RepairTicket,
    events: EventEnvelope[],
    idempotencyKey?: string,
  ): Promise<StoredTicket | undefined> {
    const next = afterChange(stored, ticket, idempotencyKey);
    return (await this.append(next, events)) ? next : undefined;
  }

  /**
   * The ticket as last projected. The projection lags the change log only after a writer stopped
   * between its two writes or lost a race; the next write then meets the newer version and calls
   * catchUp. (Every lookup is a scan on FerretDB's sqlite backend, so reads do not probe the log.)
   */
  async find(ticketId: string): Promise<StoredTicket | undefined> {
    const doc = await this.tickets.collection.findOne({ _id: ticketId } as never);
    return doc ? fromDoc(ticketId, doc as Record<string, unknown>) : this.catchUp(ticketId);
  }

  /** Brings the projection up to the latest version in the change log. */
  async catchUp(ticketId: string): Promise<StoredTicket | undefined> {
    const doc = await this.tickets.collection.findOne({ _id: ticketId } as never);
    let current = doc ? fromDoc(ticketId, doc as Record<string, unknown>) : undefined;
    let behind = false;
    for (;;) {
      const version = (current?.state.version ?? 0) + 1;
      const change = await this.changes.collection.findOne({ _id: changeId(ticketId, version) } as never, {
        projection: { snapshot: 1 },
      });
      if (!change) break;
      current = fromDoc(ticketId, (change as unknown as TicketChangeDocument).snapshot as Record<string, unknown>);
      behind = true;
    }
    if (current && behind) await this.project(current);
    return current;
  }

  /** Ids and due times of tickets whose clock runs: the range filter is applied by the caller. */
  async watched(): Promise<{ ticketId: string; slaDueAt: Date }[]> {
    const docs = await this.tickets.collection.find({ slaWatch: true }, { projection: { slaDueAt: 1 } }).toArray();
    return docs.map((d) => ({ ticketId: String(d._id), slaDueAt: d['slaDueAt'] as Date }));
  }

  async list(filter: TicketFilter): Promise<StoredTicket[]> {
    const query: Record<string, unknown> = {};
    for (const key of ['technicianId', 'customerId', 'applianceId', 'status', 'escalated'] as const) {
      if (filter[key] !== undefined) query[key] = filter[key];
    }
    const docs = await this.tickets.collection.find(query).sort({ openedAt: -1 }).limit(filter.limit).toArray();
    return docs.map((d) => fromDoc(String(d._id), d as Record<string, unknown>));
  }

  async completedBetween(from: Date, to: Date): Promise<TicketState[]> {
    const docs = await this.tickets.collection
      .find(
        { status: 'completed', completedAt: { $gte: from, $lt: to } },
        { projection: { openedAt: 1, completedAt: 1, firstTimeFix: 1, slaMet: 1 } },
      )
      .toArray();
    return docs.map((d) => fromDoc(String(d._id), d as Record<string, unknown>).state);
  }

  private async append(next: StoredTicket, events: EventEnvelope[]): Promise<boolean> {
    const { ticketId, version } = next.state;
    try {
      // through the model (lean: stored as given), so that withOutbox's hook wakes the relay
      await this.changes.insertMany(
        [{ _id: changeId(ticketId, version), ticketId, version, snapshot: snapshotOf(next), ...outboxFields(events) }],
        { lean: true },
      );
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
    await this.project(next);
    return true;
  }

  /** Moves the projection forward, never back: a slower writer of an older version is ignored. */
  private async project(stored: StoredTicket): Promise<void> {
    const snapshot = snapshotOf(stored);
    const { version } = stored.state;
    if (version === 1) {
      try {
        await this.tickets.collection.insertOne({ _id: stored.state.ticketId, ...snapshot } as never);
        return;
      } catch (err) {
        if (!isDuplicate(err)) throw err;
      }
    }
    const result = await this.tickets.collection.updateOne(
      { _id: stored.state.ticketId, version: { $lt: version } } as never,
      { $set: snapshot },
    );
    if (result.matchedCount === 0) {
      await this.tickets.collection.insertOne({ _id: stored.state.ticketId, ...snapshot } as never).catch((err) => {
        if (!isDuplicate(err)) throw err;
      });
    }
  }
}
