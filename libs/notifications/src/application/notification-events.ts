import { EventEnvelope } from '@appliance-care/contracts';
import { deterministicUuid, EventFactory } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';

import { NotificationDraft } from '../domain/delivery-plan';

type Ref = Pick<
  NotificationDraft,
  | '_id'
  | 'recipientId'
  | 'recipientKind'
  | 'channel'
  | 'template'
  | 'sourceEventId'
  | 'sourceEventType'
  | 'applianceId'
  | 'correlationId'
>;

const refData = (n: Ref) => ({
  notificationId: n._id,
  recipientId: n.recipientId,
  recipientKind: n.recipientKind,
  channel: n.channel,
  template: n.template,
  sourceEventId: n.sourceEventId,
  sourceEventType: n.sourceEventType,
  ...(n.applianceId ? { applianceId: n.applianceId } : {}),
});

/** Outcome events carry the source event's correlation and have it as cause; their ids derive from the notification. */
function inThread<T>(n: Ref, fn: () => T): T {
  return Correlation.run({ correlationId: n.correlationId, causationId: n.sourceEventId }, fn);
}

export function sentEvent(factory: EventFactory, n: Ref, sentAt: Date): EventEnvelope {
  return inThread(n, () =>
    factory.create(
      'notification.sent.v1',
      { ...refData(n), sentAt: sentAt.toISOString() },
      { subject: n.applianceId ?? n.recipientId, id: deterministicUuid(`${n._id}|sent`) },
    ),
  );
}

export function failedEvent(factory: EventFactory, n: Ref, error: string, failedAt: Date): EventEnvelope {
  return inThread(n, () =>
    factory.create(
      'notification.failed.v1',
      { ...refData(n), error: error.slice(0, 1000), failedAt: failedAt.toISOString() },
      { subject: n.applianceId ?? n.recipientId, id: deterministicUuid(`${n._id}|failed`) },
    ),
  );
}
