import { createHash } from 'node:crypto';

import { createEvent, EventData, EventType, TypedEnvelope } from '@appliance-care/contracts';
import { Correlation } from '@appliance-care/platform';
import { currentTraceContext } from '@appliance-care/telemetry';

function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/** An event was about to be produced with nothing named as its cause (SPEC §4 requires causationid). */
export class MissingCauseError extends Error {
  constructor(type: string) {
    super(
      `${type} has no cause: produce events while handling an event, an HTTP request or a job ` +
        '(Correlation.run / Correlation.runJob), so that it carries correlationid and causationid',
    );
    this.name = 'MissingCauseError';
  }
}

/**
 * Builds the events a service publishes. Correlation and causation come from the event, request or
 * job being handled (the correlation context); an event without a cause is refused. The id is
 * derived from the cause, so a redelivered cause yields the very same events and downstream
 * consumers drop them as duplicates.
 */
export class EventFactory {
  constructor(private readonly source: string) {}

  create<T extends EventType>(
    type: T,
    data: EventData<T>,
    options: { subject?: string; id?: string } = {},
  ): TypedEnvelope<T> {
    const ctx = Correlation.current();
    if (!ctx?.causationId) throw new MissingCauseError(type);
    let id = options.id;
    if (!id) {
      ctx.produced += 1;
      id = uuidFrom(`${ctx.causationId}|${type}|${options.subject ?? ''}|${ctx.produced}`);
    }
    return createEvent({
      type,
      source: this.source,
      data,
      subject: options.subject,
      id,
      correlationid: ctx.correlationId,
      causationid: ctx.causationId,
      // the writer's trace travels with the event (stored with its outbox entry as ce_traceparent)
      ...currentTraceContext(),
    });
  }
}

export { uuidFrom as deterministicUuid };
