import { createHash, randomUUID } from 'node:crypto';
import { createEvent, EventData, EventType, TypedEnvelope } from '@appliance-care/contracts';
import { Correlation } from '@appliance-care/platform';

function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/**
 * Builds the events a service publishes. Correlation and causation come from the event or request
 * being handled. Inside a consumer the id is derived from the cause, so a redelivered cause yields
 * the very same events and downstream consumers drop them as duplicates.
 */
export class EventFactory {
  constructor(private readonly source: string) {}

  create<T extends EventType>(type: T, data: EventData<T>, options: { subject?: string; id?: string } = {}): TypedEnvelope<T> {
    const ctx = Correlation.current();
    let id = options.id;
    if (!id && ctx?.causationId) {
      ctx.produced += 1;
      id = uuidFrom(`${ctx.causationId}|${type}|${options.subject ?? ''}|${ctx.produced}`);
    }
    id ??= randomUUID();
    return createEvent({
      type,
      source: this.source,
      data,
      subject: options.subject,
      id,
      correlationid: ctx?.correlationId ?? id,
      causationid: ctx?.causationId,
    });
  }
}

export { uuidFrom as deterministicUuid };
