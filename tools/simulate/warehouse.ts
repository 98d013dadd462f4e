import type { Role } from '@appliance-care/auth';

import { Bookkeeping, Lifecycle } from './bookkeeping';
import { SimulatorOptions } from './options';
import { RestClient } from './rest';

type Part = { sku: string; name: string; quantity: number };
/** A line of parts.requested.v1: what is ordered, for which location. */
export type RequestedLine = Part & { location: string };

/** The most a part line may ask for (the contracts' part quantity). */
const MAX_QUANTITY = 100;
/** How long a technician waits for the parts service to decide a ticket's reservation (it consumes the ticket too). */
const RESERVING_PATIENCE_MS = 120_000;

/**
 * What `quantity` of each part a repair must ask for so that neither the technician's van nor the
 * region's depot can supply it whole (the parts service takes a line whole from one source): one more
 * than the larger of the two holds.
 */
export function shortQuantities(parts: readonly Part[], available: ReadonlyMap<string, number>[]): Part[] {
  return parts.map((part) => {
    const most = Math.max(0, ...available.map((stock) => stock.get(part.sku) ?? 0));
    return { ...part, quantity: Math.min(MAX_QUANTITY, most + 1) };
  });
}

/** One stock receipt per location a purchase request orders for, each with the lines ordered there. */
export function receiptsFor(
  runId: string,
  ticketId: string,
  requestId: string,
  lines: readonly RequestedLine[],
): { receiptId: string; location: string; lines: { sku: string; quantity: number }[] }[] {
  const byLocation = new Map<string, { sku: string; quantity: number }[]>();
  for (const line of lines) {
    byLocation.set(line.location, [
      ...(byLocation.get(line.location) ?? []),
      { sku: line.sku, quantity: line.quantity },
    ]);
  }
  // the receipt id makes a repeated post count nothing twice; one per request and location
  const tag = requestId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12);
  return [...byLocation].map(([location, rows], i) => ({
    receiptId: `SIM-${runId}-${ticketId}-${tag}-${i + 1}`,
    location,
    lines: rows,
  }));
}

/**
 * The parts side of the outside world: the warehouse answering each purchase request with a stock
 * receipt after a delay, and the technician's look at the ticket's reservation and at the stock
 * before naming the parts a repair needs. As a dispatcher, over the parts service's REST API.
 */
export class Warehouse {
  constructor(
    private readonly options: SimulatorOptions,
    private readonly rest: RestClient,
    private readonly book: Bookkeeping,
    private readonly token: (role: Role, id?: string) => Promise<string>,
  ) {}

  /** The parts in quantities no source can supply (a forced shortage). */
  async shortOf(parts: readonly Part[], region: string, technicianId: string): Promise<Part[]> {
    const stocks = await Promise.all([`depot:${region}`, `van:${technicianId}`].map((l) => this.available(l)));
    return shortQuantities(parts, stocks);
  }

  /**
   * Whether the ticket's parts are on order, so the booked technician does not go (repairs books the
   * return visit when they arrive). Asks the reservation each time (the return visit's booking may be
   * seen before repair.parts-arrived.v1), once the parts service has decided it.
   */
  async partsOnOrder(lifecycle: Lifecycle, ticketId: string): Promise<boolean> {
    if (!lifecycle.parts?.length) return false;
    const token = await this.token('dispatcher');
    const url = `${this.options.urls.parts}/api/v1/reservations/${ticketId}`;
    type Reservation = { status: string; lines: { sku: string; quantity: number; state: string }[] };
    const end = Date.now() + RESERVING_PATIENCE_MS;
    for (;;) {
      const reservation = await this.rest.call<Reservation>('GET', url, token, undefined, { retryOn: [404] });
      if (reservation.status === 'waiting') {
        const waiting = reservation.lines.filter((l) => l.state === 'waiting');
        lifecycle.waitingForParts ??= waiting.map((l) => `${l.quantity} × ${l.sku}`).join(', ');
        return true;
      }
      if (reservation.status !== 'reserving' || Date.now() > end) return false;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** The warehouse delivers what a purchase request ordered: a stock receipt per location. */
  async deliver(lifecycle: Lifecycle, ticketId: string, requestId: string, lines: readonly RequestedLine[]) {
    try {
      const token = await this.token('dispatcher');
      for (const receipt of receiptsFor(this.options.runId, ticketId, requestId, lines)) {
        await this.rest.call('POST', `${this.options.urls.parts}/api/v1/stock/receipts`, token, receipt);
        this.book.counters.receipts++;
      }
    } catch (err) {
      this.book.actionFailed(lifecycle, 'stock receipt', err as Error);
    }
  }

  /** Units available per sku at a location; nothing there (404, e.g. a hired technician's empty van) is none. */
  private async available(location: string): Promise<Map<string, number>> {
    const res = await fetch(`${this.options.urls.parts}/api/v1/stock/${location}`, {
      headers: { authorization: `Bearer ${await this.token('dispatcher')}` },
    }).catch(() => undefined);
    if (!res || res.status !== 200) return new Map();
    const body = (await res.json()) as { items: { sku: string; available: number }[] };
    return new Map(body.items.map((i) => [i.sku, i.available]));
  }
}
