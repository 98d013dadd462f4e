import { createEvent, LibraryItemReceived, Topics } from '@appliance-care/contracts';
import { waitFor } from '@appliance-care/testing';

import { Data, dataOf, E2eSystem, LIBRARY_ROSTER } from './e2e-system';

/** An item's events on library-services' topic (keyed by its id), in the order published. */
export interface ItemEvent {
  type: string;
  status?: string;
  taskId?: string;
}

/**
 * The steps library people take, through library-services' REST API (librarians, library technicians,
 * patrons) and the acquisitions topic, each waiting for what the system must have done before the next.
 */
export class LibrarySteps {
  constructor(private readonly sys: E2eSystem) {}

  librarian(): Promise<string> {
    return this.sys.token('librarian');
  }

  technician(technicianId: string): Promise<string> {
    return this.sys.token('library-technician', { technicianId });
  }

  patron(patronId: string): Promise<string> {
    return this.sys.token('patron', { patronId });
  }

  /** Acquisitions hands a new item to technical services (library.item.received.v1). */
  async receive(tag: string, extra: Partial<LibraryItemReceived> = {}): Promise<LibraryItemReceived> {
    const received: LibraryItemReceived = {
      itemId: `ITEM-${tag}-${this.sys.run}`,
      barcode: `39001-${tag}-${this.sys.run}`.slice(0, 32),
      title: `The ${tag} book`,
      format: 'book',
      branch: 'central',
      cataloguing: 'copy',
      orderId: `PO-${tag}-${this.sys.run}`,
      receivedAt: new Date().toISOString(),
      ...extra,
    };
    const event = createEvent({
      type: 'library.item.received.v1',
      source: '/e2e/acquisitions',
      subject: received.itemId,
      data: received,
    });
    await this.sys.probe.publish(this.sys.topic(Topics.libraryAcquisitions), event);
    return received;
  }

  async item(itemId: string): Promise<Data> {
    const res = await this.sys.call('GET', 'library-services', `items/${itemId}`, { token: await this.librarian() });
    return res.status === 200 ? res.body : { status: `HTTP ${res.status}` };
  }

  async waitForStatus(itemId: string, status: string): Promise<Data> {
    return waitFor(
      async () => {
        const item = await this.item(itemId);
        return item['status'] === status ? item : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 300, what: `item ${itemId} ${status}` },
    );
  }

  /**
   * The item's open task of `kind` once dispatch assigned it and library-services recorded the
   * assignment: answers dispatch's event (the technician, and why).
   */
  async assigned(itemId: string, kind: string): Promise<Data> {
    const item = await waitFor(
      async () => {
        const it = await this.item(itemId);
        const open = it['openTask'];
        return open?.kind === kind && open.state === 'assigned' ? it : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 300, what: `${kind} of ${itemId} assigned` },
    );
    const taskId = item['openTask'].taskId;
    const assignment = dataOf(await this.sys.eventFor('queue-item.assigned.v1', (d) => d['taskId'] === taskId));
    expect(assignment).toMatchObject({ technicianId: item['openTask'].technicianId, itemId, kind });
    const technician = LIBRARY_ROSTER.find((t) => t.technicianId === assignment['technicianId']);
    expect(technician?.skills).toContain(assignment['skill']);
    expect(technician?.branch).toBe(assignment['branch']);
    return assignment;
  }

  /** The technician's own open queue, as they read it. */
  async queue(technicianId: string): Promise<Data[]> {
    const res = await this.sys.call('GET', 'library-services', `tasks?technicianId=${technicianId}&open=true`, {
      token: await this.technician(technicianId),
    });
    expect(res.status).toBe(200);
    return res.body.items;
  }

  /** A step (POST items/{id}/{step}) that must be taken; answers the item after it. */
  async step(itemId: string, step: string, token: string, body?: unknown): Promise<Data> {
    const res = await this.sys.call('POST', 'library-services', `items/${itemId}/${step}`, { token, body });
    expect({ step, status: res.status, body: res.body }).toMatchObject({ step, status: 200 });
    return res.body;
  }

  async placeHold(itemId: string, patronId: string, email: string): Promise<Data> {
    const res = await this.sys.call('POST', 'library-services', `items/${itemId}/holds`, {
      token: await this.patron(patronId),
      body: { name: `Patron ${patronId}`, email, locale: 'en-GB' },
    });
    expect({ status: res.status }).toEqual({ status: 201 });
    return res.body;
  }

  /**
   * The item's events on library-services' topic, in order; a message published again with the same
   * event id (the outbox's at-least-once) counts once, a second event for the same fact would show.
   */
  itemEvents(itemId: string): ItemEvent[] {
    const seen = new Set<string>();
    return this.sys.probe
      .on(this.sys.topic(Topics.libraryServices))
      .filter((m) => m.event && dataOf(m.event)['itemId'] === itemId && !seen.has(m.event.id) && seen.add(m.event.id))
      .map((m) => {
        const d = dataOf(m.event!);
        return {
          type: m.event!.type,
          ...(d['status'] ? { status: d['status'] } : {}),
          ...(d['taskId'] ? { taskId: d['taskId'] } : {}),
        };
      });
  }

  /** The portal's timeline once it shows `types` (without the .v1), for a librarian. */
  async timeline(itemId: string, types: string[]): Promise<Data> {
    const read = async () =>
      (await this.sys.call('GET', 'portal', `items/${itemId}/timeline`, { token: await this.librarian() })).body;
    const last = await waitFor(
      async () => {
        const t = await read();
        return (t?.entries?.length ?? 0) >= types.length ? t : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500, what: `${itemId}'s timeline of ${types.length}` },
    ).catch(read);
    expect(last.entries.map((e: Data) => e['type'])).toEqual(types);
    return last;
  }
}
