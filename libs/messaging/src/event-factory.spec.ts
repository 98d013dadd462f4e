import { version as uuidVersion, validate as validateUuid } from 'uuid';

import { EventRegistry, EventType, Topics } from '@appliance-care/contracts';
import { Correlation, httpCorrelation } from '@appliance-care/platform';

import { deterministicUuid, EventFactory, MissingCauseError } from './event-factory';

const INBOUND: string[] = [Topics.purchases, Topics.deviceFaults];
/** every type a service of ours produces (the inbound ones come from sales systems and devices) */
const PRODUCED = (Object.keys(EventRegistry) as EventType[]).filter((t) => !INBOUND.includes(EventRegistry[t].topic));

const factory = new EventFactory('/appliance-care/test');
const fault = { serialNumber: 'SER-1', errorCode: 'E21', reportedAt: '2026-11-28T10:15:00Z' };
const make = () => factory.create('device.fault.reported.v1', fault, { subject: 'SER-1' });

/** Runs fn inside the correlation context the HTTP layer gives a request; returns what it answered. */
function inRequest<T>(headers: Record<string, string>, fn: () => T): { result: T; response: Record<string, string> } {
  const response: Record<string, string> = {};
  let result: T | undefined;
  httpCorrelation({ headers }, { setHeader: (name, value) => (response[name] = value) }, () => {
    result = fn();
  });
  return { result: result as T, response };
}

describe('EventFactory: correlation and causation (SPEC §4)', () => {
  it('knows the produced types', () => {
    expect(PRODUCED).toEqual(
      expect.arrayContaining([
        'installation.started.v1',
        'repair.accepted.v1',
        'diagnosis.completed.v1',
        'repair.sla-breached.v1',
      ]),
    );
    expect(PRODUCED).not.toContain('sales.purchase.recorded.v1');
  });

  it.each(PRODUCED)('refuses to create %s without a cause', (type) => {
    expect(() => factory.create(type, {} as never)).toThrow(MissingCauseError);
    // a correlation without a cause is not enough either
    expect(() => Correlation.run({ correlationId: 'corr-1' }, () => factory.create(type, {} as never))).toThrow(
      MissingCauseError,
    );
  });

  it('an event produced by a REST call carries the request id as causation and starts a thread', () => {
    const { result: event, response } = inRequest({}, make);
    expect(response['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.causationid).toBe(response['x-request-id']);
    expect(event.correlationid).toBe(response['x-request-id']);
    expect(response['x-correlation-id']).toBe(event.correlationid);
  });

  it("a REST call continues the caller's X-Correlation-Id; every request has its own id", () => {
    const first = inRequest({ 'x-correlation-id': 'corr-from-caller' }, make);
    const second = inRequest({ 'x-correlation-id': 'corr-from-caller' }, make);
    expect(first.result).toMatchObject({
      correlationid: 'corr-from-caller',
      causationid: first.response['x-request-id'],
    });
    expect(second.result.causationid).toBe(second.response['x-request-id']);
    expect(second.result.causationid).not.toBe(first.result.causationid);
    expect(second.result.id).not.toBe(first.result.id);
    // an unusable header is not taken over
    const odd = inRequest({ 'x-correlation-id': 'no spaces allowed' }, make);
    expect(odd.result.correlationid).toBe(odd.response['x-request-id']);
  });

  it('an event produced while handling an event carries its correlation and its id, with an id derived from it', () => {
    const ctx = { correlationId: 'corr-a', causationId: 'event-a' };
    const a = Correlation.run(ctx, make);
    const again = Correlation.run(ctx, make);
    expect(a).toMatchObject({ correlationid: 'corr-a', causationid: 'event-a' });
    expect(again.id).toBe(a.id);
  });

  it('a job the service runs itself (scan, seed) names its own id as the cause', () => {
    const event = Correlation.runJob((jobId) => ({ jobId, event: make() }));
    expect(event.event).toMatchObject({ causationid: event.jobId, correlationid: event.jobId });
    const inThread = Correlation.runJob(() => make(), 'corr-ticket');
    expect(inThread.correlationid).toBe('corr-ticket');
    expect(inThread.causationid).toBeDefined();
  });
});

describe('EventFactory: ids derived from the cause', () => {
  const inEvent = <T>(fn: () => T) => Correlation.run({ correlationId: 'corr-1', causationId: 'cause-1' }, fn);

  it('are RFC 4122 version-5 UUIDs, the same for the same cause, type, subject and position', () => {
    const [first, second] = inEvent(() => [make(), make()]);
    const [again] = inEvent(() => [make()]);
    expect(validateUuid(first.id)).toBe(true);
    expect(uuidVersion(first.id)).toBe(5);
    expect(again.id).toBe(first.id);
    expect(second.id).not.toBe(first.id);
    expect(deterministicUuid('cause-1|device.fault.reported.v1|SER-1|1')).toBe(first.id);
  });
});
