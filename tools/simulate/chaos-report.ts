import { Bookkeeping, Lifecycle } from './bookkeeping';
import {
  chaosVerdict,
  doubleBookings,
  duplicatedAppliances,
  duplicatedTickets,
  duplicatedWorkOrders,
} from './chaos-checks';
import { ChaosAction, ChaosSkip } from './chaos-monkey';
import { Survey } from './chaos-survey';
import type { NotificationTotals } from './tracker';

export interface ChaosReportInput {
  actions: readonly ChaosAction[];
  skipped: readonly ChaosSkip[];
  lifecycles: readonly Lifecycle[];
  notifications: NotificationTotals;
  survey: Survey;
}

const INDENT = '                    ';
const listed = (items: readonly string[], max = 5) =>
  items
    .slice(0, max)
    .map((i) => `\n${INDENT}${i}`)
    .join('') + (items.length > max ? `\n${INDENT}… ${items.length - max} more` : '');

/** `3 × dispatch#0, 1 × parts#1`: kills per instance, sorted by name. */
function killsPerTarget(actions: readonly ChaosAction[]): string {
  const kills = new Map<string, number>();
  for (const a of actions.filter((x) => x.kind === 'kill')) kills.set(a.target, (kills.get(a.target) ?? 0) + 1);
  return [...kills]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([target, n]) => `${n} × ${target}`)
    .join(', ');
}

/** The summary's chaos section and its verdict (ok false on any loss, duplicate, double booking or check not made). */
export function chaosSection(input: ChaosReportInput): { ok: boolean; text: string } {
  const { actions, survey, notifications: n } = input;
  const lifecycleIds = new Set(input.lifecycles.map((l) => l.applianceId).filter(Boolean));
  const completed = input.lifecycles.filter((l) => Bookkeeping.isFinished(l) && !l.stalled).length;
  const lost = Math.max(0, n.lost - survey.confirmedSlots.size);
  const found = {
    duplicatedAppliances: duplicatedAppliances(survey.appliancesBySerial),
    duplicatedTickets: duplicatedTickets(survey.tickets),
    duplicatedWorkOrders: duplicatedWorkOrders(survey.workOrders.filter((o) => lifecycleIds.has(o.applianceId))),
    doubleBookings: doubleBookings(survey.workOrders, (o) => lifecycleIds.has(o.applianceId)),
  };
  const verdict = chaosVerdict({
    ...found,
    failedActions: actions.filter((a) => !a.ok).length,
    lost,
    duplicatedNotifications: n.duplicates,
    unchecked: survey.unchecked,
  });
  const count = (kind: ChaosAction['kind']) => actions.filter((a) => a.kind === kind).length;
  const sources = new Set(survey.workOrders.map((o) => `${o.kind} ${o.sourceId}`)).size;
  const lines = [
    `  chaos           ${actions.length} actions: ${count('kill')} kills (${killsPerTarget(actions) || 'none'}) · ${count('broker')} broker restarts · ${count('store')} store restarts${input.skipped.map((s) => ` · ${s.kind} skipped: ${s.why}`).join('')}`,
    ...actions.map(
      (a) =>
        `${INDENT}+${(a.atMs / 1000).toFixed(1).padStart(6)} s  ${a.kind.padEnd(6)} ${a.target}: ${a.ok ? '' : 'FAILED: '}${a.detail}`,
    ),
    `  chaos checks    lifecycles ${completed}/${input.lifecycles.length} completed · notifications ${lost} lost${n.lost > lost ? ` (${n.lost - lost} more missing from the event stream, recorded as sent by the notifications service)` : ''}, ${n.duplicates} duplicated`,
    `${INDENT}appliances ${found.duplicatedAppliances.length} duplicated (of ${survey.appliancesBySerial.size} serials)${listed(found.duplicatedAppliances)}`,
    `${INDENT}tickets ${found.duplicatedTickets.length} duplicated (of ${new Set(survey.tickets.map((t) => t.caseId)).size} cases)${listed(found.duplicatedTickets)}`,
    `${INDENT}work orders ${found.duplicatedWorkOrders.length} duplicated (of ${sources} sources)${listed(found.duplicatedWorkOrders)}`,
    `${INDENT}double bookings ${found.doubleBookings.length} (${survey.technicians} technicians' calendars)${listed(found.doubleBookings)}`,
    ...(survey.unchecked.length ? [`${INDENT}not checked: ${survey.unchecked.length}${listed(survey.unchecked)}`] : []),
    verdict.ok
      ? '  chaos result    OK: nothing lost, nothing twice, nobody booked twice'
      : `  chaos result    FAILED: ${verdict.failures.join(', ')}`,
  ];
  return { ok: verdict.ok, text: lines.join('\n') };
}
