// npm run chaos:messaging [-- --events 10000 --keys 50 --poison 100 --consumers 2 ...]
// The long fault run of issue 13 item 4 (the CI version is libs/messaging/test/faults): a writer child
// (aggregate updates with withEvents + OutboxRelay) and consumer children (EventConsumer) against a
// private Kafka broker and a private FerretDB, with writers SIGKILLed mid-write, relays SIGKILLed
// after a send and before clearing, consumers SIGKILLed mid-chunk, the broker and the store SIGKILLed
// and restarted, and poison events among the rest; then lost / duplicate effects / order / DLQ are
// checked. Prints a summary table; exits 1 when an invariant failed.
// the harness is libs/messaging's test code, shared with its jest test (tsconfig.base.json gives it an alias)
import { FaultRunOptions, formatReport, reportHolds, runFaultScenario } from '@appliance-care/messaging-faults';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : undefined;
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} ${raw}: want a number ≥ 0`);
  return value;
}

async function main(): Promise<void> {
  const events = arg('events', 10_000);
  const options: FaultRunOptions = {
    events,
    keys: arg('keys', 50),
    poison: arg('poison', Math.max(1, Math.round(events / 100))),
    consumers: arg('consumers', 2),
    writerKills: arg('writer-kills', Math.max(3, Math.round(events / 500))),
    relayKills: arg('relay-kills', Math.max(2, Math.round(events / 1000))),
    consumerKills: arg('consumer-kills', Math.max(2, Math.round(events / 2000))),
    brokerRestarts: arg('broker-restarts', Math.max(1, Math.round(events / 4000))),
    storeRestarts: arg('store-restarts', Math.max(1, Math.round(events / 4000))),
    sessionTimeoutMs: arg('session-timeout-ms', 10_000),
    // fewer documents per relay round than keys: every round meets a backlog (0: the library's batch)
    relayBatch: arg('relay-batch', 20) || undefined,
    timeoutMs: arg('timeout-s', Math.max(180, Math.round(events / 20))) * 1000,
    stallMs: arg('stall-s', 90) * 1000,
    progress: (line) => process.stderr.write(`[chaos] ${line}\n`),
  };
  process.stderr.write(`[chaos] ${JSON.stringify({ ...options, progress: undefined })}\n`);
  const report = await runFaultScenario(options);
  process.stdout.write(`${formatReport(report)}\n`);
  process.exit(reportHolds(report, options) ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
