import { linkRequestFor, redactMessageLinks } from './message-links.policy';

const now = new Date('2026-12-01T10:00:00Z');
const ctx = { now, feedbackDays: 30 };
const window = { from: '2026-12-03T08:00:00.000+00:00', to: '2026-12-03T10:00:00.000+00:00' };
const customer = { kind: 'customer', id: 'C-1' } as const;
const src = (type: string, id = 'ev-1') => ({ id, type });
const assigned = (kind: string) => ({ workOrderId: 'WO-1', kind, sourceId: 'S-1', customerId: 'C-1', window });

describe('message links', () => {
  it('gives a booking an appointment link on the work order, stale with the window start as written', () => {
    const link = linkRequestFor(src('work-order.assigned.v1'), customer, assigned('repair'), ctx);
    expect(link).toMatchObject({
      field: 'appointmentLink',
      purpose: 'appointment',
      subject: 'WO-1',
      customerId: 'C-1',
      ref: window.from,
      expiresAt: new Date(window.from),
    });
    expect(linkRequestFor(src('work-order.assigned.v1'), customer, assigned('diagnostic-visit'), ctx)?.purpose).toBe(
      'appointment',
    );
    const scheduled = { installationId: 'I-1', workOrderId: 'WO-2', customerId: 'C-1', window };
    expect(linkRequestFor(src('installation.scheduled.v1'), customer, scheduled, ctx)?.subject).toBe('WO-2');
    // an installation's customer is told by installation.scheduled.v1, not by the work order
    expect(linkRequestFor(src('work-order.assigned.v1'), customer, assigned('installation'), ctx)).toBeUndefined();
  });

  it('gives a completion a survey link on the job, by kind, for FEEDBACK_LINK_DAYS', () => {
    const expiresAt = new Date('2026-12-31T10:00:00Z');
    const done = { customerId: 'C-1', installationId: 'I-1', ticketId: 'R-1', caseId: 'K-1', technicianId: 'T-1' };
    expect(linkRequestFor(src('installation.completed.v1'), customer, done, ctx)).toMatchObject({
      field: 'feedbackLink',
      purpose: 'feedback',
      subject: 'I-1',
      ref: 'installation',
      expiresAt,
    });
    expect(linkRequestFor(src('repair.completed.v1'), customer, done, ctx)).toMatchObject({
      subject: 'R-1',
      ref: 'repair',
    });
    for (const outcome of ['resolved', 'no-fault-found'])
      expect(linkRequestFor(src('diagnosis.completed.v1'), customer, { ...done, outcome }, ctx)).toMatchObject({
        subject: 'K-1',
        ref: 'diagnostic-visit',
        expiresAt,
      });
  });

  it('gives no survey for a diagnosis nobody visited for, or one that goes on to a repair', () => {
    const diagnosis = { customerId: 'C-1', caseId: 'K-1', outcome: 'resolved' };
    expect(linkRequestFor(src('diagnosis.completed.v1'), customer, diagnosis, ctx)).toBeUndefined();
    expect(
      linkRequestFor(
        src('diagnosis.completed.v1'),
        customer,
        { ...diagnosis, technicianId: 'T-1', outcome: 'repair-required' },
        ctx,
      ),
    ).toBeUndefined();
  });

  it('puts a link only in the message of the customer it names', () => {
    const data = assigned('repair');
    expect(linkRequestFor(src('work-order.assigned.v1'), { kind: 'technician', id: 'T-1' }, data, ctx)).toBeUndefined();
    expect(linkRequestFor(src('work-order.assigned.v1'), { kind: 'customer', id: 'C-2' }, data, ctx)).toBeUndefined();
    expect(linkRequestFor(src('repair.en-route.v1'), customer, data, ctx)).toBeUndefined();
  });

  it('derives the link id from event, recipient and purpose: planning again names the same link', () => {
    const a = linkRequestFor(src('work-order.assigned.v1', 'ev-1'), customer, assigned('repair'), ctx);
    const b = linkRequestFor(src('work-order.assigned.v1', 'ev-1'), customer, assigned('repair'), ctx);
    const c = linkRequestFor(src('work-order.assigned.v1', 'ev-2'), customer, assigned('repair'), ctx);
    expect(a?.linkId).toBe(b?.linkId);
    expect(a?.linkId).not.toBe(c?.linkId);
  });

  it('redacts link tokens in a text, wherever the link URL puts them, and leaves the rest', () => {
    const url = 'http://127.0.0.1:3004/api/v1/appointment-links/eyJhbGci.eyJzdWIi.c2ln_-x';
    expect(redactMessageLinks(`Move it: ${url}\nBye.`)).toBe(
      'Move it: http://127.0.0.1:3004/api/v1/appointment-links/[redacted]\nBye.',
    );
    expect(redactMessageLinks('Tell us: https://care.example/survey?t=eyJhbGci.eyJzdWIi.c2ln')).toBe(
      'Tell us: https://care.example/survey?t=[redacted]',
    );
    expect(redactMessageLinks('no link here, see /api/v1/work-orders/WO-1')).toBe(
      'no link here, see /api/v1/work-orders/WO-1',
    );
  });
});
