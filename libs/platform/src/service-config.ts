/** Ports and names from SPEC §3; every value can be overridden by the environment (SPEC §7). */
export const ServicePorts = {
  portal: 3000,
  'sales-installation': 3001,
  diagnostics: 3002,
  repairs: 3003,
  dispatch: 3004,
  notifications: 3005,
  parts: 3007,
} as const;

export type ServiceName = keyof typeof ServicePorts;

export interface ServiceConfig {
  service: ServiceName;
  port: number;
  mongoUri: string;
  database: string;
  logLevel: string;
  bodyLimit: string;
  corsOrigins: string[];
  /** requests per minute per client address and route; 0 turns the limit off */
  rateLimitPerMinute?: number;
}

export function loadServiceConfig(service: ServiceName, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return {
    service,
    port: Number(env['PORT'] ?? ServicePorts[service]),
    mongoUri: env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017',
    database: env['MONGODB_DATABASE'] ?? `appliance_care_${service.replace(/-/g, '_')}`,
    logLevel: env['LOG_LEVEL'] ?? 'info',
    bodyLimit: env['HTTP_BODY_LIMIT'] ?? '256kb',
    corsOrigins: (env['CORS_ORIGINS'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    rateLimitPerMinute: rateLimit(env['RATE_LIMIT_PER_MINUTE']),
  };
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

function rateLimit(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_RATE_LIMIT_PER_MINUTE;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`RATE_LIMIT_PER_MINUTE must be a whole number >= 0, not ${value}`);
  return n;
}
