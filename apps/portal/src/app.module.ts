import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';

import { LinkSigner } from '@appliance-care/auth';
import { serviceImports } from '@appliance-care/messaging';
import { ServiceConfig } from '@appliance-care/platform';
import {
  FEEDBACK_MODEL,
  FeedbackRepository,
  feedbackSchema,
  FeedbackService,
  KPI_FACT_MODEL,
  KpiFactRepository,
  kpiFactSchema,
  KpiQueries,
  LIBRARY_ITEM_ENTRY_MODEL,
  libraryItemEntrySchema,
  LibraryItemTimelineRepository,
  loadPortalSettings,
  PORTAL_SETTINGS,
  PortalSettings,
  TIMELINE_ENTRY_MODEL,
  timelineEntrySchema,
  TimelineRepository,
} from '@appliance-care/portal';

import { AppliancesController } from './api/appliances.controller';
import { CustomersController } from './api/customers.controller';
import { FeedbackController } from './api/feedback.controller';
import { FormBodyMiddleware } from './api/form-body.middleware';
import { ItemsController } from './api/items.controller';
import { KpisController } from './api/kpis.controller';
import { LibraryItemEventsHandler } from './handlers/library-item-events.handler';
import { LifecycleEventHandler } from './handlers/lifecycle-event.handler';

/**
 * A read model built from every service's events (timeline, KPI facts), and the customers'
 * feedback, which it publishes (customer.feedback-given.v1) through the feedback's own outbox.
 */
@Module({})
export class AppModule implements NestModule {
  static register(config: ServiceConfig, settings: Partial<PortalSettings> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: serviceImports(config, {
        models: [
          { name: TIMELINE_ENTRY_MODEL, schema: timelineEntrySchema },
          { name: KPI_FACT_MODEL, schema: kpiFactSchema },
          { name: FEEDBACK_MODEL, schema: feedbackSchema },
          { name: LIBRARY_ITEM_ENTRY_MODEL, schema: libraryItemEntrySchema },
        ],
        outboxModels: [FEEDBACK_MODEL],
      }),
      controllers: [
        AppliancesController,
        CustomersController,
        FeedbackController,
        KpisController,
        LifecycleEventHandler,
        // the library's item timeline
        ItemsController,
        LibraryItemEventsHandler,
      ],
      providers: [
        { provide: PORTAL_SETTINGS, useValue: { ...loadPortalSettings(), ...settings } },
        // LINK_SIGNING_SECRET: the key the notifications service signs the links in its mails with
        { provide: LinkSigner, useFactory: () => new LinkSigner() },
        TimelineRepository,
        KpiFactRepository,
        FeedbackRepository,
        FeedbackService,
        KpiQueries,
        LibraryItemTimelineRepository,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(FormBodyMiddleware).forRoutes({ path: 'api/v1/feedback', method: RequestMethod.POST });
  }
}
