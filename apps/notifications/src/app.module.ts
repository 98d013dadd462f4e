import { DynamicModule, Module } from '@nestjs/common';

import { serviceImports } from '@appliance-care/messaging';
import {
  approvalSchema,
  DELIVERY_CHANNELS,
  DeliveryChannels,
  DeliveryWorker,
  digestRunSchema,
  EmailChannel,
  FeedHub,
  FeedStreams,
  lateSerialSchema,
  LIBRARY_APPROVAL_MODEL,
  LIBRARY_DIGEST_RUN_MODEL,
  LIBRARY_HOLD_MODEL,
  LIBRARY_LATE_SERIAL_MODEL,
  LibraryDigestFacts,
  LibraryDigestJob,
  LibraryDigestRepository,
  LibraryHoldRepository,
  LibraryHolds,
  libraryHoldSchema,
  LibrarySupervisorRecipients,
  loadNotificationsConfig,
  MessageLinks,
  NOTIFICATION_MODEL,
  NotificationPlanner,
  NotificationRepository,
  NOTIFICATIONS_CONFIG,
  notificationSchema,
  NotificationsConfig,
  RECIPIENT_MODEL,
  RECIPIENT_WAIT_MODEL,
  RecipientRepository,
  recipientSchema,
  RecipientService,
  RecipientWaitRepository,
  recipientWaitSchema,
  RecipientWaitSweeper,
  REMINDER_CANCELLATION_MODEL,
  reminderCancellationSchema,
  ReminderScheduler,
  ReminderSweeper,
  SCHEDULED_REMINDER_MODEL,
  ScheduledReminderRepository,
  scheduledReminderSchema,
  SmsChannel,
  TeamRecipients,
  WebhookChannel,
  WebhookTargets,
  WorkerSignal,
} from '@appliance-care/notifications';
import { ServiceConfig } from '@appliance-care/platform';

import { NotificationsController } from './api/notifications.controller';
import { RecipientsController } from './api/recipients.controller';
import { DeliveryLifecycle } from './delivery.lifecycle';
import { LibraryEventsHandler } from './handlers/library-events.handler';
import { LifecycleEventHandler } from './handlers/lifecycle-event.handler';
import { RecipientEventsHandler } from './handlers/recipient-events.handler';
import { LibraryDigestLifecycle } from './library-digest.lifecycle';
import { ReminderLifecycle } from './reminder.lifecycle';

function createChannels(config: NotificationsConfig, webhookTargets: WebhookTargets): DeliveryChannels {
  return {
    email: new EmailChannel(config.smtpUrl, config.mailFrom),
    webhook: new WebhookChannel(config.httpTimeoutMs, webhookTargets),
    ...(config.smsApiUrl ? { sms: new SmsChannel(config.smsApiUrl, config.httpTimeoutMs) } : {}),
  };
}

const NOTIFICATIONS_MODELS = [
  { name: NOTIFICATION_MODEL, schema: notificationSchema },
  { name: RECIPIENT_MODEL, schema: recipientSchema },
  { name: RECIPIENT_WAIT_MODEL, schema: recipientWaitSchema },
  { name: SCHEDULED_REMINDER_MODEL, schema: scheduledReminderSchema },
  { name: REMINDER_CANCELLATION_MODEL, schema: reminderCancellationSchema },
  // the library: patrons' holds, and what the supervisors' digest reads and its runs
  { name: LIBRARY_HOLD_MODEL, schema: libraryHoldSchema },
  { name: LIBRARY_LATE_SERIAL_MODEL, schema: lateSerialSchema },
  { name: LIBRARY_APPROVAL_MODEL, schema: approvalSchema },
  { name: LIBRARY_DIGEST_RUN_MODEL, schema: digestRunSchema },
];

/** The service's own providers (those built from its configuration are in register). */
const NOTIFICATIONS_PROVIDERS = [
  NotificationRepository,
  RecipientRepository,
  RecipientWaitRepository,
  FeedHub,
  FeedStreams,
  WorkerSignal,
  MessageLinks,
  NotificationPlanner,
  RecipientService,
  DeliveryWorker,
  RecipientWaitSweeper,
  DeliveryLifecycle,
  // reminders before appointments, and the teams the rules name as recipients
  ScheduledReminderRepository,
  ReminderScheduler,
  ReminderSweeper,
  ReminderLifecycle,
  TeamRecipients,
  // the library: holds told when their item is shelf-ready, the supervisors' daily digest
  LibraryHoldRepository,
  LibraryHolds,
  LibraryDigestRepository,
  LibraryDigestFacts,
  LibraryDigestJob,
  LibraryDigestLifecycle,
  LibrarySupervisorRecipients,
];

@Module({})
export class AppModule {
  static register(
    config: ServiceConfig,
    notifications: NotificationsConfig = loadNotificationsConfig(),
  ): DynamicModule {
    return {
      module: AppModule,
      imports: serviceImports(config, {
        models: NOTIFICATIONS_MODELS,
        outboxModels: [NOTIFICATION_MODEL, RECIPIENT_WAIT_MODEL],
      }),
      controllers: [
        NotificationsController,
        RecipientsController,
        RecipientEventsHandler,
        LifecycleEventHandler,
        LibraryEventsHandler,
      ],
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useValue: notifications },
        // one policy for registering a webhook URL and for every delivery to it
        {
          provide: WebhookTargets,
          useFactory: () =>
            new WebhookTargets(notifications.webhook, notifications.webhook.resolve, notifications.httpTimeoutMs),
        },
        {
          provide: DELIVERY_CHANNELS,
          useFactory: (targets: WebhookTargets) => createChannels(notifications, targets),
          inject: [WebhookTargets],
        },
        ...NOTIFICATIONS_PROVIDERS,
      ],
    };
  }
}
