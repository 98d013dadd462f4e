// first: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must patch http, kafkajs and mongoose before they load
import '@appliance-care/telemetry/register';
import 'reflect-metadata';

import { startService } from '@appliance-care/messaging';
import { loadServiceConfig } from '@appliance-care/platform';

import { AppModule } from './app.module';

async function main(): Promise<void> {
  const config = loadServiceConfig('library-services');
  await startService(AppModule.register(config), config);
}

main().catch((err) => {
  console.error('library-services failed to start', err);
  process.exit(1);
});
