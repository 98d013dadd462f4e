import { existsSync } from 'node:fs';
import { Server } from 'node:http';
import path from 'node:path';
import express, { Express } from 'express';

import { ConsoleConfig } from './console.config';
import { devTokenRoute } from './dev-token.route';
import { problem, serviceProxy } from './service.proxy';

/**
 * The console's web server: the built single-page app, the development sign-in, and `/api/<service>/…`
 * proxied to the services on the same origin (no CORS, the browser talks to one address). It logs
 * nothing about requests: the Authorization header it forwards must not end up in a log.
 */
export function consoleApp(config: ConsoleConfig): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
    next();
  });
  // as the services answer them (npm start waits for /health/ready)
  app.get(['/health', '/health/live', '/health/ready'], (_req, res) => void res.json({ status: 'ok' }));
  app.use(devTokenRoute(config.devLogin));
  app.use('/api', serviceProxy(config.services));
  app.use('/auth', (_req, res) => problem(res, 404, 'Not Found', 'no such route'));
  app.use(express.static(config.staticDir, { index: 'index.html', maxAge: '1h' }));
  const indexFile = path.join(config.staticDir, 'index.html');
  // every other path is a screen of the single-page app: the app routes it
  app.get('/{*path}', (_req, res) => {
    if (!existsSync(indexFile))
      return problem(res, 503, 'Service Unavailable', 'the console is not built (npm start builds it)');
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexFile);
  });
  return app;
}

export async function startConsoleServer(config: ConsoleConfig): Promise<Server> {
  const server = consoleApp(config).listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}
