import { createEvent, EventEnvelope, EventType } from '@appliance-care/contracts';

const everyDay = { start: '08:00', end: '17:00' };
export const allWeek = {
  mon: everyDay,
  tue: everyDay,
  wed: everyDay,
  thu: everyDay,
  fri: everyDay,
  sat: everyDay,
  sun: everyDay,
};

/** A UTC day well ahead of now, so every test finds it in the future. */
export const dayAhead = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const technicianBody = (id: string, over: Record<string, unknown> = {}) => ({
  technicianId: id,
  name: `Tech ${id}`,
  email: `${id.toLowerCase()}@example.org`,
  phone: '+441632960000',
  skills: ['gas-safe', 'appliance-general'],
  licences: [{ skill: 'gas-safe', number: `GS-${id}`, validUntil: '2099-12-31' }],
  homeRegion: 'london',
  regions: [],
  workingHours: allWeek,
  ...over,
});

/** Another context's event about appliance A-<id> of customer C-<id>: the ids every such event carries, then `data`. */
const aboutAppliance = (type: EventType, source: string, id: string, data: Record<string, unknown>): EventEnvelope =>
  createEvent({
    type,
    source,
    subject: `A-${id}`,
    data: { applianceId: `A-${id}`, customerId: `C-${id}`, ...data } as never,
  });

export const installationRequested = (id: string, over: Record<string, unknown> = {}): EventEnvelope =>
  aboutAppliance('installation.requested.v1', '/appliance-care/sales-installation', id, {
    installationId: id,
    category: 'gas-hob',
    requiredSkill: 'gas-safe',
    region: 'london',
    durationMinutes: 60,
    priority: 'normal',
    attempt: 1,
    requestedAt: new Date().toISOString(),
    preferredWindow: { from: `${dayAhead(10)}T08:00:00Z`, to: `${dayAhead(10)}T17:00:00Z` },
    ...over,
  });

export const repairTicketOpened = (ticketId: string, over: Record<string, unknown> = {}): EventEnvelope =>
  aboutAppliance('repair.ticket-opened.v1', '/appliance-care/repairs', ticketId, {
    ticketId,
    caseId: `CASE-${ticketId}`,
    category: 'fridge',
    requiredSkill: 'appliance-general',
    region: 'leeds',
    priority: 'high',
    severity: 'high',
    slaDueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    durationMinutes: 90,
    coverage: { status: 'covered', reason: 'in warranty' },
    faults: [{ component: 'compressor', description: 'not cooling' }],
    parts: [],
    openedAt: new Date().toISOString(),
    ...over,
  });

/** Repairs' later word on the ticket (declined, cancelled, …): the ticket's ids, the time now, and `data`. */
export const repairTicketChanged = (
  type:
    | 'repair.declined.v1'
    | 'repair.cancelled.v1'
    | 'repair.started.v1'
    | 'repair.completed.v1'
    | 'repair.awaiting-parts.v1'
    | 'repair.parts-arrived.v1'
    | 'repair.sla-at-risk.v1'
    | 'repair.sla-breached.v1',
  ticketId: string,
  data: Record<string, unknown>,
): EventEnvelope =>
  aboutAppliance(type, '/appliance-care/repairs', ticketId, { ticketId, at: new Date().toISOString(), ...data });

/** Sales-installation's later word on the job (started): the installation's ids and `data`. */
export const installationChanged = (
  type: 'installation.started.v1',
  installationId: string,
  data: Record<string, unknown>,
) => aboutAppliance(type, '/appliance-care/sales-installation', installationId, { installationId, ...data });

/** A library technician: works at `branch` on queue items (home region: the branch), every hour of every day. */
export const libraryTechnicianBody = (
  id: string,
  branch: string,
  skills: string[],
  over: Record<string, unknown> = {},
) => {
  const allDay = { start: '00:00', end: '24:00' };
  return {
    technicianId: id,
    name: `Library tech ${id}`,
    email: `${id.toLowerCase()}@library.example`,
    skills,
    branch,
    workingHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    ...over,
  };
};

/** library-services asks for a library technician (keyed by taskId). */
export const libraryTaskRequested = (taskId: string, branch: string, over: Record<string, unknown> = {}) =>
  createEvent({
    type: 'library.task.requested.v1',
    source: '/appliance-care/library-services',
    subject: taskId,
    data: {
      taskId,
      kind: 'copy-cataloguing',
      skill: 'cataloguing',
      branch,
      itemId: `ITEM-${taskId}`,
      title: `The book of ${taskId}`,
      requestedAt: new Date().toISOString(),
      ...over,
    } as never,
  });

/** library-services closed the task (done or no longer needed). */
export const libraryTaskClosed = (taskId: string, branch: string, over: Record<string, unknown> = {}) =>
  createEvent({
    type: 'library.task.closed.v1',
    source: '/appliance-care/library-services',
    subject: taskId,
    data: {
      taskId,
      kind: 'copy-cataloguing',
      skill: 'cataloguing',
      branch,
      itemId: `ITEM-${taskId}`,
      title: `The book of ${taskId}`,
      outcome: 'completed',
      closedAt: new Date().toISOString(),
      ...over,
    } as never,
  });
