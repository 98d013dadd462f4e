import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { CONFLICT, Conflict, outboxFields, withEvents } from '@appliance-care/messaging';
import { isDuplicateKey } from '@appliance-care/platform';

import { PartsCosting } from '../domain/parts-costing';
import { RepairTicket } from '../domain/repair-ticket';
import { ReplacementState, TicketHistoryEntry, TicketState } from '../domain/ticket-state';
import { TicketStatus } from '../domain/ticket-status';
import { TICKET_MODEL, TicketDocument } from './ticket.schema';

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
  /** true: open with a running clock that used the warning share of its time (the watcher warned) */
  atRisk?: true;
  /** the warranty replacement's state: proposed ones wait for a dispatcher */
  replacement?: ReplacementState['status'];
  limit: number;
}

/** What the SLA watcher reads of a ticket whose clock runs. */
export type WatchedTicket = Pick<TicketState, 'ticketId' | 'openedAt' | 'slaDueAt' | 'slaPausedMs' | 'slaAtRisk'>;

/** The list filter as a query: at risk is the warning flag on a clock still running (not breached, paused or closed). */
function queryOf({ atRisk, replacement, ...fields }: Omit<TicketFilter, 'limit'>): Record<string, unknown> {
  const query = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  if (replacement) query['replacement.status'] = replacement;
  return atRisk ? { ...query, slaAtRisk: true, slaWatch: true } : query;
}

/** What a read leaves out: the relay's bookkeeping is not the ticket's state. */
const NOT_STATE = { outbox: 0, outboxPending: 0, outboxRev: 0, outboxSince: 0, outboxParked: 0 } as const;

type StoredDocument = Partial<TicketDocument> & { _id: string };

/** Absent optionals are not stored (earlier versions stored them as null: both read back as absent). */
function fromDoc(doc: StoredDocument): StoredTicket {
  const { _id, history, idempotencyKeys, ...fields } = doc;
  const state = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined));
  return {
    state: { ...state, ticketId: _id } as TicketState,
    history: history ?? [],
    idempotencyKeys: idempotencyKeys ?? [],
  };
}

/** The update from `stored` to the ticket's new state: version + 1, history and request key appended. */
function changeOf(ticket: RepairTicket, idempotencyKey?: string): UpdateQuery<TicketDocument> {
  const { ticketId: _id, ...state } = ticket.state;
  const entries = Object.entries({ ...state, version: state.version + 1 });
  return {
    $set: Object.fromEntries(entries.filter(([, value]) => value !== undefined)),
    ...(entries.some(([, value]) => value === undefined)
      ? { $unset: Object.fromEntries(entries.filter(([, value]) => value === undefined).map(([field]) => [field, ''])) }
      : {}),
    $push: {
      history: { $each: ticket.newHistory },
      ...(idempotencyKey ? { idempotencyKeys: idempotencyKey } : {}),
    },
  };
}

/** The tickets, each one document changed only by conditional single-document writes. */
@Injectable()
export class TicketRepository {
  constructor(@InjectModel(TICKET_MODEL) private readonly tickets: Model<TicketDocument>) {}

  /** Stores a new ticket (version 1) with its events; false when the case already has one. */
  async insert(ticket: RepairTicket, events: EventEnvelope[]): Promise<boolean> {
    const { ticketId, ...state } = ticket.state;
    try {
      await this.tickets.create({
        ...state,
        _id: ticketId,
        version: state.version + 1,
        history: ticket.newHistory,
        idempotencyKeys: [],
        ...outboxFields(events),
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /**
   * Stores the ticket's change with its events, if the stored ticket is still the version it was
   * read at; CONFLICT when another writer changed it first (read again and decide again).
   */
  async save(
    stored: StoredTicket,
    ticket: RepairTicket,
    events: EventEnvelope[],
    idempotencyKey?: string,
  ): Promise<StoredTicket | Conflict> {
    const { ticketId, version } = stored.state;
    const result = await this.tickets.updateOne(
      { _id: ticketId, version },
      withEvents(changeOf(ticket, idempotencyKey), events),
    );
    if (result.matchedCount === 0) return CONFLICT;
    return {
      state: { ...ticket.state, version: version + 1 },
      history: [...stored.history, ...ticket.newHistory],
      idempotencyKeys: idempotencyKey ? [...stored.idempotencyKeys, idempotencyKey] : stored.idempotencyKeys,
    };
  }

  /** Records the parts cost once (the first consumption wins; a redelivery matches nothing); a new version, so a writer that read before it decides again. */
  async recordPartsCost(ticketId: string, partsCost: PartsCosting): Promise<boolean> {
    const result = await this.tickets.updateOne(
      { _id: ticketId, partsCost: { $exists: false } },
      { $set: { partsCost }, $inc: { version: 1 } },
    );
    return result.modifiedCount === 1;
  }

  async find(ticketId: string): Promise<StoredTicket | undefined> {
    const doc = await this.tickets.findById(ticketId, NOT_STATE).lean<StoredDocument>();
    return doc ? fromDoc(doc) : undefined;
  }

  /** The clocks of tickets whose clock runs: the time comparisons are made by the caller. */
  async watched(): Promise<WatchedTicket[]> {
    const docs = await this.tickets
      .find({ slaWatch: true }, { openedAt: 1, slaDueAt: 1, slaPausedMs: 1, slaAtRisk: 1 })
      .lean<StoredDocument[]>();
    return docs.map((doc) => {
      const { ticketId, openedAt, slaDueAt, slaPausedMs, slaAtRisk } = fromDoc(doc).state;
      return { ticketId, openedAt: new Date(openedAt), slaDueAt: new Date(slaDueAt), slaPausedMs, slaAtRisk };
    });
  }

  async list(filter: TicketFilter): Promise<StoredTicket[]> {
    const { limit, ...fields } = filter;
    const docs = await this.tickets
      .find(queryOf(fields), NOT_STATE)
      .sort({ openedAt: -1 })
      .limit(limit)
      .lean<StoredDocument[]>();
    return docs.map(fromDoc);
  }

  /** The appliance's completed repairs and their faults: a repeat of one may call for a replacement. */
  async completedRepairsOf(applianceId: string): Promise<TicketState[]> {
    const docs = await this.tickets
      .find({ applianceId, status: 'completed' }, { faults: 1, completedAt: 1, applianceId: 1 })
      .sort({ completedAt: -1 })
      .limit(50)
      .lean<StoredDocument[]>();
    return docs.map((doc) => fromDoc(doc).state);
  }

  async completedBetween(from: Date, to: Date): Promise<TicketState[]> {
    const docs = await this.tickets
      .find(
        { status: 'completed', completedAt: { $gte: from, $lt: to } },
        { openedAt: 1, completedAt: 1, firstTimeFix: 1, slaMet: 1, technicianId: 1, region: 1 },
      )
      .lean<StoredDocument[]>();
    return docs.map((doc) => fromDoc(doc).state);
  }
}
