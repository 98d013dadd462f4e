import { Body, Controller, DynamicModule, Get, HttpCode, Module, Post, Query } from '@nestjs/common';

import { Roles } from '@appliance-care/auth';
import { MessagingModule } from '@appliance-care/messaging';
import { PlatformModule, ServiceConfig } from '@appliance-care/platform';

/**
 * Echoes what reaches a controller, without any validation pipe, so that the tests see what the
 * platform alone lets through.
 */
@Controller('api/v1/probe')
class ProbeController {
  @Post()
  @HttpCode(200)
  @Roles('admin')
  echoBody(@Body() body: unknown): { body: unknown } {
    return { body };
  }

  @Get()
  @Roles('admin')
  echoQuery(@Query() query: unknown): { query: unknown } {
    return { query };
  }
}

/** The platform every service stands on, with a probe controller instead of a domain. */
@Module({})
export class ProbeModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: ProbeModule,
      imports: [PlatformModule.forRoot(config), MessagingModule.forRoot({ service: config.service, outboxModels: [] })],
      controllers: [ProbeController],
    };
  }
}
