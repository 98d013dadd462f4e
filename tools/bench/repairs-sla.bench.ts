// node -r @swc-node/register tools/bench/repairs-sla.bench.ts [--tickets 2000]   (SWC_NODE_PROJECT=tsconfig.json)
// Against the real store: the rate at which tickets are opened (one document with its outbox),
// then the SLA watcher's scan over N watched tickets of which half are overdue (breach writes), and
// a scan that finds nothing due (the steady-state cost of the equality-flag scan).
import mongoose from 'mongoose';
import pLimit from 'p-limit';

import { DiagnosisCompleted } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';
import {
  buildRepairsPolicy,
  RepairTicket,
  SlaWatcher,
  TICKET_MODEL,
  TicketChanges,
  TicketRepository,
  ticketSchema,
} from '@appliance-care/repairs';

import { numberArg } from './bench-kit';

const N = numberArg('tickets', 2000);
const mongoUri = process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017';
const policy = buildRepairsPolicy({ sla: { due: { critical: '1ms' } } });

const diagnosis = (i: number): DiagnosisCompleted => ({
  caseId: `BENCH-${i}`,
  applianceId: `A-${i}`,
  customerId: `C-${i % 100}`,
  outcome: 'repair-required',
  category: 'washing-machine',
  region: 'london',
  faults: [{ component: 'pump', description: 'blocked' }],
  parts: [{ sku: 'DRAIN-PUMP-01', name: 'pump', quantity: 1 }],
  severity: i % 2 === 0 ? 'critical' : 'low',
  reportedAt: new Date().toISOString(),
  warranty: { status: 'in-warranty', endsAt: new Date(Date.now() + 86400e3).toISOString() },
  completedAt: new Date().toISOString(),
});

/** Opens N tickets (16 writers, one document with its outbox each); resolves with the time it took. */
async function openTickets(repository: TicketRepository, factory: EventFactory): Promise<number> {
  const started = Date.now();
  const writers = pLimit(16);
  const open = async (i: number) => {
    const ticket = RepairTicket.open(diagnosis(i), policy, new Date(), `corr-${i}`);
    // as if consumed: the diagnosis is the cause of the ticket's first events. The ticket's events are a
    // union of types, and create() wants one type's data: the cast is forced by that generic signature
    const events = Correlation.run({ correlationId: `corr-${i}`, causationId: `bench-diagnosis-${i}` }, () =>
      ticket.events.map((e) => factory.create(e.type, e.data as never, { subject: ticket.state.applianceId })),
    );
    await repository.insert(ticket, events);
  };
  await Promise.all(Array.from({ length: N }, (_, i) => writers(() => open(i))));
  return Date.now() - started;
}

/** How long `fn` takes, with what it resolved to. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - started };
}

async function main(): Promise<void> {
  const conn = await mongoose
    .createConnection(mongoUri, { dbName: `bench_repairs_${Date.now().toString(36)}` })
    .asPromise();
  try {
    const tickets = conn.model(TICKET_MODEL, ticketSchema);
    await tickets.init();
    const repository = new TicketRepository(tickets);
    const factory = new EventFactory('/bench/repairs');
    const watcher = new SlaWatcher(repository, new TicketChanges(repository, factory), policy);
    const openMs = await openTickets(repository, factory);
    const { value: breached, ms: breachScanMs } = await timed(() => watcher.scan());
    const { value: again, ms: idleScanMs } = await timed(() => watcher.scan());
    const report = {
      tickets: N,
      openedPerSecond: Math.round((N / openMs) * 1000),
      breachScan: { breached, ms: breachScanMs, breachesPerSecond: Math.round((breached / breachScanMs) * 1000) },
      idleScan: { watched: N - breached, breached: again, ms: idleScanMs },
    };
    console.log(JSON.stringify(report, null, 2));
    await conn.dropDatabase();
  } finally {
    await conn.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
