import { KafkaMessage } from 'kafkajs';

import { Role } from '@appliance-care/auth';
import { EventEnvelope, fromKafkaRecord } from '@appliance-care/contracts';

import { LibraryBook } from './library-book';
import { RestClient } from './rest';
import { SimulatorTokens } from './simulator-tokens';

type Data = Record<string, unknown>;

const RECORD = { callNumber: 'SIM 001.1', subjects: ['Simulation -- Library day'], sourceRecordId: 'ocm-sim' };
/** "not yet": library-services has not consumed dispatch's assignment (403/404) or the item yet (404) */
const NOT_YET = [403, 404];

/** What a queue item's kind asks the technician to do, and the statuses in which it is already done. */
const STEPS: Record<string, { step: string; body: unknown; doneIn: string[] }> = {
  'copy-cataloguing': { step: 'cataloguing', body: { record: RECORD }, doneIn: ['processing', 'available'] },
  'original-cataloguing': {
    step: 'cataloguing',
    body: { record: RECORD },
    doneIn: ['awaiting-approval', 'processing', 'available'],
  },
  'physical-processing': { step: 'processing/complete', body: {}, doneIn: ['available'] },
  'item-repair': { step: 'repair/complete', body: { notes: 'mended by the simulator' }, doneIn: ['available'] },
};

/**
 * The library's people as the simulator plays them, reacting to the events: library technicians take
 * the queue items dispatch assigns them, a librarian approves original records and triages damage,
 * patrons hold items while processed and circulation reports damage once an item is on the shelf.
 * Each reaction happens once per cause (event ids and task ids remembered), whatever redelivers.
 */
export class LibraryActors {
  private readonly seen = new Set<string>();
  private readonly tokens = new SimulatorTokens();
  /** per item: the patron's hold placed (processing is completed only after it, so the patron is told) */
  private readonly holds = new Map<string, Promise<void>>();

  constructor(
    private readonly book: LibraryBook,
    private readonly rest: RestClient,
    private readonly libraryUrl: string,
  ) {}

  onMessage(_topic: string, message: KafkaMessage): void {
    let event: EventEnvelope;
    try {
      event = fromKafkaRecord(message);
    } catch {
      return;
    }
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    this.onEvent(event);
  }

  private onEvent(event: EventEnvelope): void {
    const d = event.data as Data;
    const record = this.book.record(d['itemId']);
    if (event.type.startsWith('notification.')) return this.onNotification(event.type, d);
    if (!record) return;
    const itemId = d['itemId'] as string;
    switch (event.type) {
      case 'library.item.registered.v1':
        record.registered.add(event.id);
        if (record.plan.hold) this.holds.set(itemId, this.placeHold(itemId));
        return;
      case 'queue-item.assigned.v1':
        return void this.work(itemId, d['taskId'] as string, d['kind'] as string, d['technicianId'] as string);
      case 'queue-item.unassignable.v1':
        record.unassignable++;
        return;
      case 'library.cataloguing.submitted.v1':
        return void this.librarian(itemId, 'cataloguing/approve', {}, ['processing', 'available']);
      case 'library.item.shelf-ready.v1':
        record.shelfReady.add(event.id);
        if (record.plan.damage && record.damageReported.size === 0) void this.damage(itemId, record.plan.damage);
        return;
      case 'library.item.damage-reported.v1':
        record.damageReported.add(event.id);
        return;
      case 'library.item.repaired.v1':
        record.repaired.add(event.id);
        return;
    }
  }

  /** A patron's mail for a shelf-ready item they held (the in-app copy of the same notice is not a mail). */
  private onNotification(type: string, d: Data): void {
    if (d['sourceEventType'] !== 'library.item.shelf-ready.v1' || d['recipientKind'] !== 'patron') return;
    if (d['channel'] !== 'email') return;
    const record = [...this.book.records.values()].find((r) => r.plan.hold?.patronId === d['recipientId']);
    if (!record) return;
    if (type === 'notification.sent.v1') record.mailsSent.add(d['notificationId'] as string);
    if (type === 'notification.failed.v1') record.mailsFailed.add(d['notificationId'] as string);
  }

  /** The assigned technician does the task once (a reassignment of the same task is not new work). */
  private async work(itemId: string, taskId: string, kind: string, technicianId: string): Promise<void> {
    const step = STEPS[kind];
    if (!step || this.seen.has(`task:${taskId}`)) return;
    this.seen.add(`task:${taskId}`);
    if (kind === 'physical-processing') await this.holds.get(itemId);
    await this.act(itemId, kind, async () => {
      const token = await this.token('library-technician', technicianId);
      await this.post(itemId, step.step, token, step.body, step.doneIn);
    });
  }

  private async placeHold(itemId: string): Promise<void> {
    const hold = this.book.record(itemId)!.plan.hold!;
    await this.act(itemId, 'hold', async () => {
      const token = await this.token('patron', hold.patronId);
      const url = `${this.libraryUrl}/api/v1/items/${itemId}/holds`;
      await this.rest.call('POST', url, token, { name: hold.name, email: hold.email }, { retryOn: [404] });
    });
  }

  /** Circulation finds it damaged; the librarian sends it to repair in house. */
  private async damage(itemId: string, damage: string): Promise<void> {
    await this.librarian(itemId, 'damage', { damage }, ['damaged', 'in-repair']);
    await this.librarian(itemId, 'triage', { decision: 'repair', reason: 'simulated' }, ['in-repair', 'available']);
  }

  private async librarian(itemId: string, step: string, body: unknown, doneIn: string[]): Promise<void> {
    await this.act(itemId, step, async () => this.post(itemId, step, await this.token('librarian'), body, doneIn));
  }

  private async post(itemId: string, step: string, token: string, body: unknown, doneIn: string[]): Promise<void> {
    const url = `${this.libraryUrl}/api/v1/items/${itemId}/${step}`;
    await this.rest.call('POST', url, token, body, { retryOn: NOT_YET, alreadyIn: doneIn });
  }

  private async act(itemId: string, what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (err) {
      this.book.actionErrors.push(`${itemId} ${what}: ${(err as Error).message}`);
    }
  }

  private token(role: Role, id?: string): Promise<string> {
    return this.tokens.get(role, id);
  }
}
