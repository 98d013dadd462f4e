import { createEvent, LibraryItemReceived, Topics } from '@appliance-care/contracts';
import { KafkaProbe, waitFor } from '@appliance-care/testing';

import { ConsoleSystem } from './console-system';

/** The seeded library technicians at central: the cataloguer, and the one who repairs books. */
export const ADA = 'LT-CEN-001';
export const SAMUEL = 'LT-CEN-002';

type Data = any;

/**
 * The library side of the system as acquisitions and circulation see it: items received over Kafka
 * (library.item.received.v1 on this run's acquisitions topic), and library-services read over HTTP.
 */
export class LibraryItems {
  private readonly kafka = new KafkaProbe(process.env['KAFKA_BROKERS']);
  private n = 0;

  constructor(private readonly system: ConsoleSystem) {}

  /** acquisitions hands a new item to technical services (central, as most of the library's stock). */
  async received(over: Partial<LibraryItemReceived> = {}): Promise<LibraryItemReceived> {
    const n = ++this.n;
    const data: LibraryItemReceived = {
      itemId: `ITEM-CON-${this.system.run}-${n}`,
      barcode: `C${this.system.run}${n}`.toUpperCase(),
      title: 'The Name of the Rose',
      format: 'book',
      branch: 'central',
      cataloguing: 'copy',
      receivedAt: new Date().toISOString(),
      ...over,
    };
    const event = createEvent({
      type: 'library.item.received.v1',
      source: '/library/acquisitions',
      subject: data.itemId,
      data,
    });
    await this.kafka.publish(`${this.system.prefix}${Topics.libraryAcquisitions}`, event);
    return data;
  }

  /** The item once dispatch assigned its open task of `kind` to a technician (queue-item.assigned.v1). */
  assigned(itemId: string, kind: string): Promise<Data> {
    return this.until(
      itemId,
      (i) => i.openTask?.kind === kind && i.openTask.state === 'assigned',
      `its ${kind} task assigned`,
    );
  }

  until(itemId: string, ok: (item: Data) => unknown, what: string): Promise<Data> {
    return waitFor(
      async () => {
        const res = await this.get(itemId);
        return res.status === 200 && ok(res.body) ? (res.body as Data) : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 300, what: `item ${itemId}: ${what}` },
    );
  }

  get(itemId: string) {
    return this.system.call('GET', 'library-services', `items/${itemId}`, { role: 'librarian' });
  }

  post(path: string, body: unknown) {
    return this.system.call('POST', 'library-services', path, { role: 'librarian', body });
  }

  close(): Promise<void> {
    return this.kafka.close();
  }
}
