import { Bookkeeping, Counters, Lifecycle } from './bookkeeping';
import type { SimulatorOptions } from './options';
import type { RestClient } from './rest';
import type { Tracker } from './tracker';

const secs = (ms: number | undefined) =>
  ms === undefined ? '–' : ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;

export function progressLine(
  elapsedMs: number,
  c: Counters,
  purchases: number,
  lifecycles: readonly Lifecycle[],
  tracker: Tracker,
  rest: Pick<RestClient, 'inFlight'>,
): string {
  const n = tracker.notificationTotals();
  const installs = lifecycles.filter((l) => l.item.installation).length;
  const stalled = lifecycles.filter((l) => l.stalled).length;
  return (
    `[sim ${String(Math.round(elapsedMs / 1000)).padStart(4)} s] purchases ${c.purchasesSent}/${purchases} · registered ${c.registered}/${lifecycles.length}` +
    ` · installed ${c.installationsCompleted}/${installs} · faults ${c.faultsInjected} · cases ${c.cases} · tickets ${c.tickets} · repaired ${c.repairsCompleted}` +
    ` · maintained ${c.maintenanceCompleted}/${lifecycles.filter((l) => l.item.maintenance).length} · parts waits ${c.waitedForParts}, ${c.returnVisitsCompleted} return visits` +
    ` · notifications ${n.sent} sent, ${n.failed} failed, ${n.duplicates} dup, ${n.lost} awaited · DLQ ${c.dlq} · stalled ${stalled} · REST in flight ${rest.inFlight}`
  );
}

export interface SummaryInput {
  options: SimulatorOptions;
  counters: Counters;
  lifecycles: readonly Lifecycle[];
  tracker: Tracker;
  rest: Pick<RestClient, 'calls' | 'failures' | 'throttled' | 'errors'>;
  dlqReasons: ReadonlyMap<string, number>;
  actionErrors: readonly string[];
  elapsedMs: number;
  /** missing from the event stream but recorded as sent or failed by the notifications service (--chaos) */
  confirmedByApi?: number;
}

/** Why lifecycles stalled, with how many each (times elided, so one reason is one line). */
function stalledReasons(stalled: readonly Lifecycle[]): Map<string, number> {
  const reasons = new Map<string, number>();
  for (const l of stalled) {
    const reason = (l.stalled ?? '').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z?/g, '…').slice(0, 140);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return reasons;
}

/** The end-of-run report; ok is false when a notification was lost or duplicated. */
export function summary(input: SummaryInput): { ok: boolean; text: string } {
  const { options: o, counters: c, lifecycles, tracker, rest } = input;
  const streamed = tracker.notificationTotals();
  // what the notifications service recorded as done is not lost, whatever the event stream showed
  const confirmed = Math.min(input.confirmedByApi ?? 0, streamed.lost);
  const n = { ...streamed, lost: streamed.lost - confirmed };
  const faulty = lifecycles.filter((l) => l.item.fault);
  const unfinished = lifecycles.filter((l) => !Bookkeeping.isFinished(l));
  const stalled = lifecycles.filter((l) => l.stalled);
  const ok = n.lost === 0 && n.duplicates === 0;
  const lines = [
    '',
    `Simulation summary (run ${o.runId}, seed ${o.seed}, ${o.purchases} purchases at ${o.rate}/s, fault rate ${o.faultRate}, maintenance rate ${o.maintenanceRate}, parts shortage rate ${o.partsShortageRate}) — ${secs(input.elapsedMs)}`,
    `  purchases       ${c.purchasesSent} sent · ${c.registered}/${lifecycles.length} appliances registered`,
    `  installations   ${c.installationsScheduled} scheduled · ${c.installationsCompleted}/${lifecycles.filter((l) => l.item.installation).length} completed`,
    `  cases           ${c.faultsInjected}/${faulty.length} faults reported (${faulty.filter((l) => l.item.fault?.viaDevice).length} by device, the rest by customers) · ${c.cases} cases opened · ${c.guidanceAnswered} guidance answers · ${c.visits} visit results · ${c.diagnosesCompleted} diagnoses completed${c.repeatedDiagnoses ? ` (+${c.repeatedDiagnoses} repeated)` : ''}`,
    `  repairs         ${c.tickets} tickets opened · ${c.repairsCompleted} completed`,
    `  maintenance     ${c.maintenanceRequested} visits requested (maintenance.due.v1) · ${c.maintenanceBooked} booked · ${c.maintenanceCompleted}/${lifecycles.filter((l) => l.item.maintenance).length} completed · ${c.maintenanceOverdue} overdue`,
    `  parts           ${c.waitedForParts} tickets waited for parts (${faulty.filter((l) => l.item.fault?.partsShortage && l.item.fault.visitOutcome === 'repair-required').length} planned short) · ${c.partsRequests} purchase requests · ${c.receipts} stock receipts · ${c.partsArrived} arrived · ${c.returnVisitsCompleted} return visits completed`,
    `  notifications   ${n.sent} sent · ${n.failed} failed · ${n.duplicates} duplicates · ${n.lost} lost${confirmed ? ` (+${confirmed} whose outcome event the simulator missed; the notifications service sent them)` : ''} (of ${n.expected} expected; ${n.allowed} allowed beyond them (reminders, technicians' unknown contacts); ${n.unexpected} beyond the expected; ${n.redelivered} outcome events redelivered; ${c.undeliverable} undeliverable)`,
    `  events          ${c.redelivered} lifecycle events received twice by the simulator (same id: redelivery)`,
    `  DLQ             ${c.dlq} messages${[...input.dlqReasons].map(([k, v]) => `\n                    ${v} × ${k}`).join('')}`,
    `  work orders     ${c.unassignable} unassignable answers · ${stalled.length} lifecycles stalled · ${unfinished.length} unfinished at the end`,
    ...[...stalledReasons(stalled)].slice(0, 8).map(([reason, count]) => `                    ${count} × ${reason}`),
    `  REST            ${rest.calls} calls · ${rest.throttled} throttled (429) · ${rest.failures} given up${[...rest.errors].map(([k, v]) => `\n                    ${v} × ${k}`).join('')}`,
    ...input.actionErrors.slice(0, 5).map((e) => `    ${e.slice(0, 240)}`),
    '  stage latencies                                   n        p50        p99',
    ...tracker
      .stageSummary()
      .map(
        (s) =>
          `    ${s.label.padEnd(45)} ${String(s.count).padStart(6)} ${secs(s.p50).padStart(10)} ${secs(s.p99).padStart(10)}`,
      ),
    ok
      ? '  result          OK: no notification lost or duplicated'
      : `  result          FAILED: ${n.lost} lost, ${n.duplicates} duplicated`,
  ];
  if (n.unexpected > 0)
    lines.push(`  first beyond the expected (event|recipient|channel): ${tracker.unexpected().slice(0, 5).join(', ')}`);
  if (n.lost > 0) lines.push(`  first missing (event|recipient|channel): ${tracker.missing().slice(0, 5).join(', ')}`);
  return { ok, text: lines.join('\n') };
}
