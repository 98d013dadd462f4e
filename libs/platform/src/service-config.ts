/** Ports and names from SPEC §3; every value can be overridden by the environment (SPEC §7). */
export const ServicePorts = {
  portal: 3000,
  'sales-installation': 3001,
  diagnostics: 3002,
  repairs: 3003,
  dispatch: 3004,
  notifications: 3005,
  parts: 3007,
  'library-services': 3008,
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
  /**
   * this process's name when several instances of the service run (`dispatch#2` from
   * SERVICE_INSTANCE=2): its log label, Kafka client id and trace resource, so the instances of one
   * consumer group can be told apart; absent when one instance runs unnamed
   */
  instance?: string;
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
    ...(env['SERVICE_INSTANCE'] ? { instance: serviceInstanceName(service, env['SERVICE_INSTANCE']) } : {}),
  };
}

/** `<service>#<n>`: the one name of an instance, everywhere it shows (logs, Kafka, traces, `npm start`). */
export function serviceInstanceName(service: string, instance: string): string {
  const n = Number(instance);
  if (!Number.isInteger(n) || n < 1) throw new Error(`SERVICE_INSTANCE must be a whole number >= 1, not ${instance}`);
  return `${service}#${n}`;
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

function rateLimit(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_RATE_LIMIT_PER_MINUTE;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`RATE_LIMIT_PER_MINUTE must be a whole number >= 0, not ${value}`);
  return n;
}
