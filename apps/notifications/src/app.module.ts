import { DynamicModule, Module } from '@nestjs/common';

import { serviceImports } from '@appliance-care/messaging';
import {
  DELIVERY_CHANNELS,
  DeliveryChannels,
  DeliveryWorker,
  EmailChannel,
  FeedHub,
  FeedStreams,
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
import { LifecycleEventHandler } from './handlers/lifecycle-event.handler';
import { RecipientEventsHandler } from './handlers/recipient-events.handler';
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
      controllers: [NotificationsController, RecipientsController, RecipientEventsHandler, LifecycleEventHandler],
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
      ],
    };
  }
}
