import { createEvent } from '@appliance-care/contracts';

import { currentItemStatus, orderItemTimeline, toLibraryItemEntries } from './library-item-timeline';

const item = { itemId: 'I-1', barcode: 'BC-0001', title: 'Atlas', branch: 'central' };

describe('library item timeline', () => {
  it('makes one entry per item of a shipment, each with an id of its own', () => {
    const sent = createEvent({
      type: 'library.binding.shipment-sent.v1',
      source: '/t',
      id: 'evt-s',
      subject: 'SH-1',
      data: {
        shipmentId: 'SH-1',
        branch: 'central',
        bindery: 'Bindery Ltd',
        items: [
          { itemId: 'I-1', barcode: 'BC-0001', title: 'Atlas' },
          { itemId: 'I-2', barcode: 'BC-0002', title: 'Nature vol. 7' },
        ],
        slip: [{ itemId: 'I-1', instructions: 'rebind' }],
        sentBy: 'LT-1',
        sentAt: '2026-12-01T10:00:00.000Z',
      },
    });
    const entries = toLibraryItemEntries(sent);
    expect(entries.map((e) => [e.id, e.itemId, e.status])).toEqual([
      ['evt-s:I-1', 'I-1', 'at-bindery'],
      ['evt-s:I-2', 'I-2', 'at-bindery'],
    ]);
  });

  it("keeps an item's own events in arrival order and merges other keys' by time; names a hold's patron", () => {
    const hold = createEvent({
      type: 'library.hold.placed.v1',
      source: '/t',
      id: 'evt-h',
      time: '2026-12-01T10:00:00.001Z',
      data: {
        ...item,
        status: 'processing',
        holdId: 'H-1',
        patron: { patronId: 'P-1', name: 'Pat', email: 'pat@example.org', locale: 'en-GB' },
        placedAt: '2026-12-01T10:00:00.000Z',
      },
    });
    const ready = createEvent({
      type: 'library.item.shelf-ready.v1',
      source: '/t',
      id: 'evt-r',
      // a clock a millisecond behind: arrival still puts it after the hold
      time: '2026-12-01T10:00:00.000Z',
      data: {
        ...item,
        status: 'available',
        technicianId: 'LT-1',
        callNumber: '912 ATL',
        holdIds: ['H-1'],
        shelfReadyAt: '2026-12-01T10:00:00.000Z',
      },
    });
    const [h] = toLibraryItemEntries(hold, { topic: 'library-services.events.v1', sequence: 1 });
    const [r] = toLibraryItemEntries(ready, { topic: 'library-services.events.v1', sequence: 2 });
    expect(h.patronId).toBe('P-1');
    const ordered = orderItemTimeline([r, h]);
    expect(ordered.map((e) => e.id)).toEqual(['evt-h', 'evt-r']);
    expect(currentItemStatus(ordered)).toBe('available');
  });
});
