import { DynamicModule, Module } from '@nestjs/common';

import { MessagingModule } from '@appliance-care/messaging';
import { PlatformModule, ServiceConfig } from '@appliance-care/platform';
import { TIMELINE_ENTRY_MODEL, timelineEntrySchema, TimelineRepository } from '@appliance-care/portal';

import { AppliancesController } from './api/appliances.controller';
import { CustomersController } from './api/customers.controller';
import { LifecycleEventHandler } from './handlers/lifecycle-event.handler';

/** A read model only: it consumes every service's events and publishes none (no outbox). */
@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config),
        MessagingModule.forRoot({
          service: config.service,
          outboxModels: [],
          models: [{ name: TIMELINE_ENTRY_MODEL, schema: timelineEntrySchema }],
        }),
      ],
      controllers: [AppliancesController, CustomersController, LifecycleEventHandler],
      providers: [TimelineRepository],
    };
  }
}
