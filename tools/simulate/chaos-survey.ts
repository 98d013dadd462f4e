import type { Role } from '@appliance-care/auth';

import { Lifecycle } from './bookkeeping';
import { WorkOrderRecord } from './chaos-checks';
import { ServiceName } from './options';
import { RestClient } from './rest';

/** What the services' own APIs hold at the end of a chaos run, for chaos-checks.ts. */
export interface Survey {
  appliancesBySerial: Map<string, string[]>;
  tickets: { ticketId: string; caseId: string }[];
  workOrders: WorkOrderRecord[];
  technicians: number;
  /** a missing notification slot (event|recipient|channel) the notifications service recorded as sent or failed */
  confirmedSlots: Set<string>;
  unchecked: string[];
}

export interface SurveyContext {
  urls: Record<ServiceName, string>;
  rest: RestClient;
  token: (role: Role) => Promise<string>;
  /** the days the run booked: from yesterday to this many days ahead */
  daysAhead: number;
  now?: number;
}

const PATIENCE = { patienceMs: 30_000 };
const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Reads, as a dispatcher, every appliance by serial, every ticket and the technicians' bookings. */
export async function survey(ctx: SurveyContext, lifecycles: readonly Lifecycle[], missing: string[]): Promise<Survey> {
  const result: Survey = {
    appliancesBySerial: new Map(),
    tickets: [],
    workOrders: [],
    technicians: 0,
    confirmedSlots: new Set(),
    unchecked: [],
  };
  const token = await ctx.token('dispatcher');
  const get = <T>(what: string, url: string) =>
    ctx.rest.call<T>('GET', url, token, undefined, PATIENCE).catch((err: Error) => {
      result.unchecked.push(`${what}: ${err.message.slice(0, 200)}`);
      return undefined;
    });
  await Promise.all([
    appliances(ctx, get, lifecycles, result),
    tickets(ctx, get, lifecycles, result),
    workOrders(ctx, get, result),
    confirmMissing(ctx, get, missing, result),
  ]);
  return result;
}

type Get = <T>(what: string, url: string) => Promise<T | undefined>;

async function appliances(ctx: SurveyContext, get: Get, lifecycles: readonly Lifecycle[], out: Survey) {
  const base = `${ctx.urls['sales-installation']}/api/v1/appliances`;
  await Promise.all(
    lifecycles.map(async ({ item }) => {
      const serial = encodeURIComponent(item.serialNumber);
      const found = await get<{ items: { applianceId: string }[] }>(
        `appliance ${serial}`,
        `${base}?serialNumber=${serial}`,
      );
      if (found)
        out.appliancesBySerial.set(
          item.serialNumber,
          found.items.map((a) => a.applianceId),
        );
    }),
  );
}

async function tickets(ctx: SurveyContext, get: Get, lifecycles: readonly Lifecycle[], out: Survey) {
  const base = `${ctx.urls.repairs}/api/v1/tickets`;
  const faulty = lifecycles.filter((l) => l.applianceId && (l.item.fault || l.caseId));
  await Promise.all(
    faulty.map(async (l) => {
      const url = `${base}?applianceId=${encodeURIComponent(l.applianceId!)}&limit=200`;
      const found = await get<{ items: { ticketId: string; caseId: string }[] }>(`tickets of ${l.applianceId}`, url);
      out.tickets.push(...(found?.items ?? []).map(({ ticketId, caseId }) => ({ ticketId, caseId })));
    }),
  );
}

/** Every technician's bookings over the run's days, and the board's waiting and parts-waiting orders. */
async function workOrders(ctx: SurveyContext, get: Get, out: Survey) {
  const base = `${ctx.urls.dispatch}/api/v1`;
  const now = ctx.now ?? Date.now();
  const range = `from=${day(now - DAY_MS)}&to=${day(now + ctx.daysAhead * DAY_MS)}`;
  const roster = (await get<{ technicianId: string }[]>('roster', `${base}/technicians`)) ?? [];
  out.technicians = roster.length;
  type Booked = { workOrders: WorkOrderRecord[] };
  await Promise.all(
    roster.map(async ({ technicianId }) => {
      const url = `${base}/technicians/${encodeURIComponent(technicianId)}/work-orders?${range}`;
      out.workOrders.push(...((await get<Booked>(`bookings of ${technicianId}`, url))?.workOrders ?? []));
    }),
  );
  type Board = { unassigned: WorkOrderRecord[]; awaitingParts: WorkOrderRecord[] };
  const board = await get<Board>('board', `${base}/board`);
  out.workOrders.push(...(board?.unassigned ?? []), ...(board?.awaitingParts ?? []));
}

/**
 * The notifications the event stream did not show: the notifications service's own record decides
 * (the simulator's consumer may have missed an outcome event; a notification the system did send
 * is not lost). Read per recipient and channel, newest 500 since the run began.
 */
async function confirmMissing(ctx: SurveyContext, get: Get, missing: string[], out: Survey) {
  const base = `${ctx.urls.notifications}/api/v1/notifications`;
  const byTarget = new Map<string, string[]>();
  for (const slot of missing) {
    const [, recipientId, channel] = slot.split('|');
    const key = `recipientId=${encodeURIComponent(recipientId)}&channel=${encodeURIComponent(channel)}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), slot]);
  }
  type Listed = { items: { sourceEventId: string; status: string }[] };
  await Promise.all(
    [...byTarget].map(async ([query, slots]) => {
      const found = await get<Listed>(`notifications ${query}`, `${base}?${query}&limit=500`);
      const done = new Set(
        (found?.items ?? []).filter((n) => n.status === 'sent' || n.status === 'failed').map((n) => n.sourceEventId),
      );
      for (const slot of slots) if (done.has(slot.split('|')[0])) out.confirmedSlots.add(slot);
    }),
  );
}
