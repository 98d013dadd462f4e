import path from 'node:path';

import { loadConsoleConfig } from './console.config';
import { startConsoleServer } from './console.server';

/** `node -r @swc-node/register apps/console/server/main.ts`: serves apps/console/dist on CONSOLE_PORT (8080). */
async function main(): Promise<void> {
  const config = loadConsoleConfig(process.env, path.resolve(__dirname, '..', 'dist'));
  const server = await startConsoleServer(config);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `console listening on http://${config.host}:${port} (development sign-in ${config.devLogin.enabled ? 'on' : 'off'})`,
  );
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error('console failed to start:', (err as Error).message);
  process.exit(1);
});
