import { DynamicModule } from '@nestjs/common';

import { PlatformModule, ServiceConfig } from '@appliance-care/platform';

import { MessagingModule, MessagingOptions } from './messaging.module';

/**
 * What every service's AppModule imports: the platform (logs, store, auth, health, metrics) and its
 * messaging, with the one place its models are registered (`models`) and those that carry an outbox.
 */
export function serviceImports(
  config: ServiceConfig,
  store: Required<Pick<MessagingOptions, 'models' | 'outboxModels'>>,
): DynamicModule[] {
  return [
    PlatformModule.forRoot(config),
    MessagingModule.forRoot({ service: config.service, instance: config.instance, ...store }),
  ];
}
