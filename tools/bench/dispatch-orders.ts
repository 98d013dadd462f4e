// The benchmark's roster and work orders: technicians over six regions and five skills, and the three
// kinds of order dispatch takes in (installations, diagnostic visits, repairs).
import { createEvent, EventEnvelope, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';

const REGIONS = ['london', 'manchester', 'birmingham', 'leeds', 'bristol', 'glasgow'];
const SKILLS = ['appliance-general', 'electrician', 'gas-safe', 'hvac', 'refrigeration'];
const DAY = 86_400_000;
const weekday = { start: '08:00', end: '17:00' };

export const technician = (i: number) => ({
  technicianId: `T-B-${i}`,
  name: `Bench Technician ${i}`,
  email: `t${i}@bench.example`,
  skills: [SKILLS[i % SKILLS.length], SKILLS[(i + 2) % SKILLS.length]],
  licences: SKILLS.map((skill) => ({ skill, validUntil: '2099-12-31' })),
  homeRegion: REGIONS[i % REGIONS.length],
  regions: [REGIONS[(i + 1) % REGIONS.length]],
  workingHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: weekday },
});

type OrderBase = {
  applianceId: string;
  customerId: string;
  category: string;
  requiredSkill: string;
  region: string;
  durationMinutes: number;
};
type Priority = 'urgent' | 'normal';

const installation = (base: OrderBase, id: string, priority: Priority, n: number) => {
  const day = new Date(Date.now() + (2 + (n % 12)) * DAY).toISOString().slice(0, 10);
  return createEvent({
    type: 'installation.requested.v1',
    source: '/bench',
    subject: base.applianceId,
    data: {
      ...base,
      installationId: id,
      priority,
      attempt: 1,
      requestedAt: new Date().toISOString(),
      preferredWindow: { from: `${day}T08:00:00Z`, to: `${day}T17:00:00Z` },
    },
  });
};

const visit = (base: OrderBase, id: string, priority: Priority, dueBy: string) =>
  createEvent({
    type: 'diagnosis.visit-requested.v1',
    source: '/bench',
    subject: base.applianceId,
    data: { ...base, caseId: id, priority, severity: 'medium', dueBy, suspectedFaults: [] },
  });

const repair = (base: OrderBase, id: string, priority: Priority, dueBy: string) =>
  createEvent({
    type: 'repair.ticket-opened.v1',
    source: '/bench',
    subject: base.applianceId,
    data: {
      ...base,
      ticketId: id,
      caseId: `CASE-${id}`,
      priority,
      severity: 'high',
      slaDueAt: dueBy,
      coverage: { status: 'covered', reason: 'bench' },
      faults: [],
      parts: [],
      openedAt: new Date().toISOString(),
    },
  });

/** Installations with a one-day window, diagnostic visits and repairs due within days; a tenth urgent. */
export function order(n: number, tag: string): EventEnvelope {
  const region = REGIONS[n % REGIONS.length];
  const skill = SKILLS[(n * 7) % SKILLS.length];
  const id = `${tag}-${n}`;
  const base = {
    applianceId: `A-${id}`,
    customerId: `C-${id}`,
    category: 'appliance',
    requiredSkill: skill,
    region,
    durationMinutes: 60 + (n % 3) * 30,
  };
  const priority: Priority = n % 10 === 0 ? 'urgent' : 'normal';
  if (n % 3 === 0) return installation(base, id, priority, n);
  const dueBy = new Date(Date.now() + (3 + (n % 10)) * DAY).toISOString();
  return n % 3 === 1 ? visit(base, id, priority, dueBy) : repair(base, id, priority, dueBy);
}

export const topicOf = (e: EventEnvelope) =>
  physicalTopic(
    e.type === 'installation.requested.v1'
      ? Topics.salesInstallation
      : e.type === 'repair.ticket-opened.v1'
        ? Topics.repairs
        : Topics.diagnostics,
  );

export function sourceIdOf(e: EventEnvelope): string {
  const d = e.data as { installationId?: string; caseId?: string; ticketId?: string };
  return (
    e.type === 'installation.requested.v1'
      ? d.installationId
      : e.type === 'repair.ticket-opened.v1'
        ? d.ticketId
        : d.caseId
  ) as string;
}
