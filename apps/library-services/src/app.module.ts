import { DynamicModule, Module } from '@nestjs/common';

import {
  Binding,
  Circulation,
  ItemChanges,
  ItemRepository,
  ItemSteps,
  LIBRARY_MODELS,
  LIBRARY_OUTBOX_MODELS,
  LibraryQueries,
  RegisterItem,
  SerialsSettings,
  ShipmentRepository,
  TrackTasks,
} from '@appliance-care/library-services';
import { serviceImports } from '@appliance-care/messaging';
import { ServiceConfig } from '@appliance-care/platform';

import { BindingController } from './api/binding.controller';
import { ItemStepsController } from './api/item-steps.controller';
import { ItemsController } from './api/items.controller';
import { QueuesController } from './api/queues.controller';
import { BindingShipmentHandler } from './handlers/binding-shipment.handler';
import { ItemReceivedHandler } from './handlers/item-received.handler';
import { QueueItemHandler } from './handlers/queue-item.handler';
import { SERIALS_CONTROLLERS, serialsProviders } from './serials/serials.providers';

/** The library's technical services: items in processing, serials, binding, and the work for library technicians. */
@Module({})
export class AppModule {
  static register(config: ServiceConfig, serials: Partial<SerialsSettings> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: serviceImports(config, { models: LIBRARY_MODELS, outboxModels: LIBRARY_OUTBOX_MODELS }),
      controllers: [
        ItemsController,
        ItemStepsController,
        QueuesController,
        BindingController,
        ItemReceivedHandler,
        QueueItemHandler,
        BindingShipmentHandler,
        ...SERIALS_CONTROLLERS,
      ],
      providers: [
        ItemRepository,
        ShipmentRepository,
        ItemChanges,
        RegisterItem,
        ItemSteps,
        Circulation,
        TrackTasks,
        Binding,
        LibraryQueries,
        ...serialsProviders(serials),
      ],
    };
  }
}
