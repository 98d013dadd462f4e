import { v5 as uuidV5 } from 'uuid';

import { createEvent, EventData, EventType, TypedEnvelope } from '@appliance-care/contracts';
import { Correlation } from '@appliance-care/platform';
import { currentTraceContext } from '@appliance-care/telemetry';

/** The name space of every id derived here: fixed, so that a seed gives the same id in every release. */
const APPLIANCE_CARE_NAMESPACE = '6f1c1a52-8d0e-4c1b-9a57-3b6c2f4e9d10';

/** An RFC 4122 version-5 UUID (SHA-1, name-based) of the seed: the same seed, the same id. */
function uuidFrom(seed: string): string {
  return uuidV5(seed, APPLIANCE_CARE_NAMESPACE);
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
