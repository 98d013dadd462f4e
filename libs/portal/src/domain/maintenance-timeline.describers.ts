import { Actor } from './timeline-entry';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Describe = (data: Data) => { actor: Actor; summary: string; outcome?: string };

const system: Actor = { kind: 'system' };
const customer = (d: Data): Actor => ({ kind: 'customer', id: d['customerId'] });
const technician = (d: Data): Actor => ({ kind: 'technician', id: d['technicianId'] });
const date = (iso: string): string => iso.slice(0, 10);

/** Planned maintenance on the timeline (sales-installation's maintenance.* events). */
export const maintenanceDescribers: Record<string, Describe> = {
  'maintenance.plan-attached.v1': (d) => ({
    actor: system,
    summary: `Maintenance plan "${d['planName']}" (every ${d['intervalMonths']} months); first visit due ${date(d['dueAt'])}`,
  }),
  'maintenance.opted-out.v1': (d) => ({ actor: customer(d), summary: `Planned maintenance stopped by the customer` }),
  'maintenance.opted-in.v1': (d) => ({
    actor: customer(d),
    summary: `Planned maintenance restarted by the customer; next visit due ${date(d['dueAt'])}`,
  }),
  'maintenance.due.v1': (d) => ({
    actor: system,
    summary: `${d['planName']} due ${date(d['dueAt'])}: a visit is being booked`,
  }),
  'maintenance.overdue.v1': (d) => ({
    actor: system,
    summary: `${d['planName']} overdue (was due ${date(d['dueAt'])})`,
    outcome: 'overdue',
  }),
  'maintenance.completed.v1': (d) => ({
    actor: technician(d),
    summary: `${d['planName']} completed (${d['checklist'].filter((c: Data) => c['ok']).length}/${d['checklist'].length} checks ok); next visit due ${date(d['nextDueAt'])}`,
    outcome: d['checklist'].every((c: Data) => c['ok']) ? 'all-ok' : 'issues-found',
  }),
};
