import { EventEnvelope, EventRegistry } from '@appliance-care/contracts';

import { maintenanceDescribers } from './maintenance-timeline.describers';
import { replacementDescribers, replacesSuffix } from './replacement-describers';
import { Actor, Appointment, TimelineEntry } from './timeline-entry';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Describe = (data: Data) => { actor: Actor; summary: string; outcome?: string };

const system: Actor = { kind: 'system' };
const technician = (d: Data): Actor => ({
  kind: 'technician',
  id: d['technicianId'],
  ...(d['technicianName'] ? { name: d['technicianName'] } : {}),
});
const customer = (d: Data): Actor => ({ kind: 'customer', id: d['customerId'] });
const day = (iso: string): string => iso.slice(0, 16).replace('T', ' ');
const product = (d: Data): string => [d['brand'], d['model']].filter(Boolean).join(' ') || d['category'];
const JOB_WORDS: Record<string, string> = {
  installation: 'installation',
  'diagnostic-visit': 'diagnostic visit',
  repair: 'repair',
  maintenance: 'maintenance visit',
};
const job = (d: Data): string => JOB_WORDS[d['kind']] ?? d['kind'];
const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
// a customer's own words are theirs to read again; a dispatcher's free text stays in dispatch
const byWhom = (who: string, reason: string): string =>
  who === 'customer' ? `by the customer: ${reason}` : 'by the service team';
const actorOf = (who: string, d: Data): Actor => (who === 'customer' ? customer(d) : system);

/** Every appliance event the timeline shows, with who acted and a one-line summary. */
const describers: Record<string, Describe> = {
  'appliance.registered.v1': (d) => ({
    actor: customer(d),
    summary: `Purchased ${product(d)} (${d['category']}, serial ${d['serialNumber']}), order ${d['orderId']}; warranty until ${d['warrantyEndsAt'].slice(0, 10)}${d['installationRequired'] ? '; installation required' : ''}${replacesSuffix(d)}`,
    outcome: d['installationRequired'] ? 'installation-required' : 'no-installation',
  }),
  'installation.requested.v1': (d) => ({
    actor: system,
    summary: `Installation requested (attempt ${d['attempt']}, ${d['priority']} priority)`,
  }),
  'installation.scheduled.v1': (d) => ({
    actor: system,
    summary: `Installation scheduled with ${d['technicianName'] ?? d['technicianId']} for ${day(d['window'].from)}–${d['window'].to.slice(11, 16)}`,
  }),
  'installation.started.v1': (d) => ({ actor: technician(d), summary: 'Installation started' }),
  'installation.completed.v1': (d) => ({
    actor: technician(d),
    summary: `Installation completed (${d['checklist'].length} checklist items, customer trained)`,
  }),
  'installation.failed.v1': (d) => ({ actor: technician(d), summary: `Installation failed: ${d['reason']}` }),
  'installation.rescheduled.v1': (d) => ({ actor: system, summary: `Installation rescheduled: ${d['reason']}` }),
  'installation.cancelled.v1': (d) => ({
    actor: actorOf(d['cancelledBy'], d),
    summary: `Installation cancelled ${byWhom(d['cancelledBy'], d['reason'])}`,
  }),
  'problem.reported.v1': (d) => ({
    actor: d['source'] === 'customer' ? customer(d) : { kind: 'system', name: 'device' },
    summary:
      d['source'] === 'customer'
        ? `Problem reported by the customer${d['symptoms'] ? `: ${d['symptoms']}` : ''}`
        : `Fault ${d['errorCode'] ?? ''} reported by the appliance`.replace('  ', ' '),
  }),
  'diagnosis.guidance-sent.v1': (d) => ({
    actor: system,
    summary: `Guidance sent for ${d['fault'].component}: ${d['steps'].length} step(s)`,
  }),
  'diagnosis.visit-requested.v1': (d) => ({
    actor: system,
    summary: `Diagnostic visit requested (${d['priority']} priority, ${d['severity']} severity)`,
  }),
  'diagnosis.completed.v1': (d) => ({
    actor: d['technicianId'] ? technician(d) : system,
    summary: `Diagnosis completed: ${d['outcome']}${d['faults'].length ? ` (${d['faults'].map((f: Data) => f['component']).join(', ')})` : ''}`,
    outcome: d['outcome'],
  }),
  'diagnosis.visit-cancelled.v1': (d) => ({
    actor: actorOf(d['cancelledBy'], d),
    summary: `Diagnostic visit cancelled ${byWhom(d['cancelledBy'], d['reason'])}; the case is closed`,
  }),
  'repair.ticket-opened.v1': (d) => ({
    actor: system,
    summary: `Repair ticket opened (${d['priority']} priority, ${d['coverage'].status}: ${d['coverage'].reason})`,
    outcome: d['coverage'].status,
  }),
  'repair.accepted.v1': (d) => ({ actor: technician(d), summary: 'Repair accepted by the technician' }),
  'repair.declined.v1': (d) => ({ actor: technician(d), summary: `Repair declined: ${d['reason']}` }),
  'repair.en-route.v1': (d) => ({ actor: technician(d), summary: `Technician on the way, arriving ${day(d['eta'])}` }),
  'repair.started.v1': (d) => ({ actor: technician(d), summary: 'Repair started' }),
  'repair.awaiting-parts.v1': (d) => ({
    actor: technician(d),
    summary: `Waiting for parts: ${d['parts'].map((p: Data) => p['name']).join(', ')}`,
  }),
  'repair.completed.v1': (d) => ({ actor: technician(d), summary: `Repair completed: ${d['workDone']}` }),
  'repair.cancelled.v1': (d) => ({
    actor: d['cancelledBy'] === 'customer' ? customer(d) : system,
    summary: `Repair cancelled by the ${d['cancelledBy']}: ${d['reason']}`,
  }),
  'repair.sla-breached.v1': (d) => ({ actor: system, summary: `Repair SLA breached (due ${day(d['slaDueAt'])})` }),
  'repair.sla-at-risk.v1': (d) => ({
    actor: system,
    summary: `Repair close to its target time (due ${day(d['slaDueAt'])}); it has been given priority`,
  }),
  'repair.parts-arrived.v1': (d) => ({
    actor: system,
    summary: `Parts arrived${d['parts'].length ? `: ${d['parts'].map((p: Data) => p['name']).join(', ')}` : ''}; the return visit is being booked`,
  }),
  'work-order.assigned.v1': (d) => ({
    actor: system,
    summary: `${d['kind']} work order assigned to ${d['technicianName']} for ${day(d['window'].from)}`,
  }),
  'work-order.unassignable.v1': (d) => ({
    actor: system,
    summary: `${d['kind']} work order could not be assigned: ${d['reason']}`,
  }),
  'work-order.released.v1': (d) => ({
    actor: system,
    summary: `${d['kind']} work order released from ${d['technicianId']} (${d['reason']})`,
  }),
  // the dispatcher's free-text reason stays in dispatch: the timeline is the customer's too
  'work-order.qualification-overridden.v1': (d) => ({
    actor: system,
    summary: `${d['kind']} work order placed by a dispatcher with ${d['technicianId']} for ${day(d['window'].from)} (checks overridden: ${d['failedChecks'].join(', ')})`,
    outcome: 'qualification-overridden',
  }),
  'work-order.accepted.v1': (d) => ({
    actor: technician(d),
    summary: `${capitalised(job(d))} visit on ${day(d['window'].from)} confirmed by the technician`,
  }),
  // the technician's reason is between them and dispatch: the customer hears that someone else is found
  'work-order.declined.v1': (d) => ({
    actor: technician(d),
    summary: `The technician cannot come for the ${job(d)} on ${day(d['window'].from)}; another one is being found`,
  }),
  'work-order.en-route.v1': (d) => ({
    actor: technician(d),
    summary: `Technician on the way for the ${job(d)}, arriving ${day(d['eta'])}`,
  }),
  'work-order.rescheduled.v1': (d) => ({
    actor: actorOf(d['rescheduledBy'], d),
    summary: `${capitalised(job(d))} appointment moved from ${day(d['previousWindow'].from)} to ${day(d['window'].from)} by the ${d['rescheduledBy'] === 'customer' ? 'customer' : 'service team'}`,
  }),
  'work-order.cancelled.v1': (d) => ({
    actor: actorOf(d['cancelledBy'], d),
    summary: `${capitalised(job(d))} appointment${d['window'] ? ` on ${day(d['window'].from)}` : ''} cancelled ${byWhom(d['cancelledBy'], d['reason'])}`,
  }),
  'work-order.bumped.v1': (d) => ({
    actor: system,
    summary: `${capitalised(job(d))} appointment on ${day(d['window'].from)} had to make way for an emergency; a new time is being found`,
  }),
  ...replacementDescribers,
  'customer.feedback-given.v1': (d) => ({
    actor: customer(d),
    summary: `Feedback on the ${job(d)}: ${d['rating']}/5, ${d['fixedFirstTime'] ? 'done' : 'not done'} the first time`,
  }),
  'notification.sent.v1': (d) => ({
    actor: system,
    summary: `${d['channel']} "${d['template']}" sent to the ${d['recipientKind']} ${d['recipientId']}`,
  }),
  'notification.failed.v1': (d) => ({
    actor: system,
    summary: `${d['channel']} "${d['template']}" to the ${d['recipientKind']} ${d['recipientId']} failed: ${d['error']}`,
  }),
  'notification.undeliverable.v1': (d) => ({
    actor: system,
    summary: `"${d['template']}" could not be delivered to the ${d['recipientKind']} ${d['recipientId']}: ${d['reason']}`,
  }),
  ...maintenanceDescribers,
};

/** The event types the portal consumes (every appliance event of every service). */
export const timelineEventTypes = (): string[] => Object.keys(describers).filter((t) => t in EventRegistry);

const customerOf = (type: string, d: Data): string | undefined => {
  if (type.startsWith('notification.')) return d['recipientKind'] === 'customer' ? d['recipientId'] : undefined;
  return typeof d['customerId'] === 'string' ? d['customerId'] : undefined;
};

export interface Arrival {
  /** the logical topic (its partition follows from the appliance, the key) */
  topic: string;
  /** increases with every event this process receives */
  sequence: number;
}

let lastSequence = 0;

/** Where and in which order an event arrived (see TimelineEntry.position). */
export function arrivalOf(event: EventEnvelope, now = Date.now()): Arrival | undefined {
  const definition = (EventRegistry as Record<string, { topic: string }>)[event.type];
  lastSequence = Math.max(lastSequence + 1, now * 1000);
  return definition ? { topic: definition.topic, sequence: lastSequence } : undefined;
}

const appointmentOf = (d: Data): Appointment => ({
  workOrderId: d['workOrderId'],
  kind: d['kind'],
  from: d['window'].from,
  to: d['window'].to,
  ...(d['technicianName'] ? { technicianName: d['technicianName'] } : {}),
});

/** The timeline entry for an event, or undefined when it concerns no appliance. */
export function toTimelineEntry(event: EventEnvelope, arrival?: Arrival): TimelineEntry | undefined {
  const describe = describers[event.type];
  const data = event.data as Data;
  const applianceId = typeof data['applianceId'] === 'string' ? data['applianceId'] : undefined;
  if (!describe || !applianceId) return undefined;
  const { actor, summary, outcome } = describe(data);
  const customerId = customerOf(event.type, data);
  const entry: TimelineEntry = {
    id: event.id,
    applianceId,
    type: event.type.replace(/\.v\d+$/, ''),
    eventType: event.type,
    time: new Date(event.time).toISOString(),
    actor,
    summary,
  };
  if (customerId) entry.customerId = customerId;
  if (outcome) entry.outcome = outcome;
  if (arrival) entry.position = { stream: arrival.topic, offset: arrival.sequence };
  if (event.type.startsWith('work-order.')) entry.workOrderId = data['workOrderId'];
  if (event.type === 'work-order.assigned.v1') entry.appointment = appointmentOf(data);
  if (event.type === 'appliance.registered.v1') {
    entry.appliance = {
      serialNumber: data['serialNumber'],
      category: data['category'],
      sku: data['sku'],
      brand: data['brand'],
      model: data['model'],
      orderId: data['orderId'],
      purchasedAt: data['purchasedAt'],
      warrantyEndsAt: data['warrantyEndsAt'],
      installationRequired: data['installationRequired'],
    };
  }
  return entry;
}
