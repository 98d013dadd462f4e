import { DynamicModule, Module } from '@nestjs/common';

import { serviceImports } from '@appliance-care/messaging';
import { ServiceConfig } from '@appliance-care/platform';
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
      imports: serviceImports(config, {
        models: [{ name: TIMELINE_ENTRY_MODEL, schema: timelineEntrySchema }],
        outboxModels: [],
      }),
      controllers: [AppliancesController, CustomersController, LifecycleEventHandler],
      providers: [TimelineRepository],
    };
  }
}
