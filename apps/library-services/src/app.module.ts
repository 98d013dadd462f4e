import { DynamicModule, Module } from '@nestjs/common';

import { LIBRARY_MODELS, LIBRARY_OUTBOX_MODELS, SerialsSettings } from '@appliance-care/library-services';
import { serviceImports } from '@appliance-care/messaging';
import { ServiceConfig } from '@appliance-care/platform';

import { SERIALS_CONTROLLERS, serialsProviders } from './serials/serials.providers';

/** The library's technical services: items in processing, serials, binding, and the work for library technicians. */
@Module({})
export class AppModule {
  static register(config: ServiceConfig, serials: Partial<SerialsSettings> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: serviceImports(config, { models: LIBRARY_MODELS, outboxModels: LIBRARY_OUTBOX_MODELS }),
      controllers: [...SERIALS_CONTROLLERS],
      providers: [...serialsProviders(serials)],
    };
  }
}
