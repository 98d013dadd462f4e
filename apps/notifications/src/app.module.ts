import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@appliance-care/messaging';
import { PlatformModule, ServiceConfig } from '@appliance-care/platform';

@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config), MessagingModule.forRoot({ service: config.service, outboxModels: [] })],
    };
  }
}
