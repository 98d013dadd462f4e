import { EventEnvelope } from '@appliance-care/contracts';
import { deterministicUuid, EventFactory } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';

import { NotificationDraft } from '../domain/delivery-plan';

type NotificationRef = Pick<
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

const notificationRef = (notification: NotificationRef) => ({
  notificationId: notification._id,
  recipientId: notification.recipientId,
  recipientKind: notification.recipientKind,
  channel: notification.channel,
  template: notification.template,
  sourceEventId: notification.sourceEventId,
  sourceEventType: notification.sourceEventType,
  ...(notification.applianceId ? { applianceId: notification.applianceId } : {}),
});

/** Outcome events carry the source event's correlation and have it as cause; their ids derive from the notification. */
function inThread<T>(notification: NotificationRef, produce: () => T): T {
  return Correlation.run(
    { correlationId: notification.correlationId, causationId: notification.sourceEventId },
    produce,
  );
}

export function sentEvent(factory: EventFactory, notification: NotificationRef, sentAt: Date): EventEnvelope {
  return inThread(notification, () =>
    factory.create(
      'notification.sent.v1',
      { ...notificationRef(notification), sentAt: sentAt.toISOString() },
      {
        subject: notification.applianceId ?? notification.recipientId,
        id: deterministicUuid(`${notification._id}|sent`),
      },
    ),
  );
}

export function failedEvent(
  factory: EventFactory,
  notification: NotificationRef,
  error: string,
  failedAt: Date,
): EventEnvelope {
  return inThread(notification, () =>
    factory.create(
      'notification.failed.v1',
      { ...notificationRef(notification), error: error.slice(0, 1000), failedAt: failedAt.toISOString() },
      {
        subject: notification.applianceId ?? notification.recipientId,
        id: deterministicUuid(`${notification._id}|failed`),
      },
    ),
  );
}
