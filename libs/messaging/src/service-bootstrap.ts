import type { Server } from 'node:http';
import { DynamicModule } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';

import { createServiceApp, ServiceConfig } from '@appliance-care/platform';

import { KafkaEventServer } from './kafka-event.server';

/**
 * Starts a service: HTTP (createServiceApp) plus the Kafka event transport that serves its
 * @EventPattern handlers. Port 0 picks a free port (tests).
 */
export async function startService(module: DynamicModule, config: ServiceConfig): Promise<NestExpressApplication> {
  // platform's createServiceApp is typed for a module class; Nest takes a DynamicModule as well
  const app = await createServiceApp(module as never, config);
  app.connectMicroservice({ strategy: app.get(KafkaEventServer) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(config.port, process.env['HOST'] ?? '0.0.0.0');
  keepIdleConnectionsLongerThanClients(app.getHttpServer() as Server);
  return app;
}

/**
 * Node closes an idle keep-alive connection after 5 s; a client (fetch/undici: 4 s, a load balancer:
 * often 60 s) that reuses it at that moment gets ECONNRESET. Holding idle connections longer than
 * clients do means the client always closes first.
 */
function keepIdleConnectionsLongerThanClients(server: Server): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}
