/** Where the console listens, which files it serves, and where each service's API lives. */
export const SERVICE_NAMES = [
  'portal',
  'sales-installation',
  'diagnostics',
  'repairs',
  'dispatch',
  'notifications',
  'library-services',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The ports `npm start` gives the services (README, Two commands). */
const DEFAULT_PORTS: Record<ServiceName, number> = {
  portal: 3000,
  'sales-installation': 3001,
  diagnostics: 3002,
  repairs: 3003,
  dispatch: 3004,
  notifications: 3005,
  'library-services': 3008,
};

export interface ConsoleConfig {
  port: number;
  host: string;
  /** the built single-page app (vite build) */
  staticDir: string;
  services: Record<ServiceName, string>;
  /** minting development tokens: only outside production and without an identity provider */
  devLogin: { enabled: boolean; jwtSecret?: string };
}

/** `DISPATCH_URL`, `SALES_INSTALLATION_URL`, … override a service's address. */
export const serviceUrlVariable = (name: ServiceName): string => `${name.replace(/-/g, '_').toUpperCase()}_URL`;

export function loadConsoleConfig(env: NodeJS.ProcessEnv, staticDir: string): ConsoleConfig {
  const services = Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, env[serviceUrlVariable(name)] || `http://127.0.0.1:${DEFAULT_PORTS[name]}`]),
  ) as Record<ServiceName, string>;
  const production = env['NODE_ENV'] === 'production';
  return {
    port: Number(env['CONSOLE_PORT'] || 8080),
    host: env['CONSOLE_HOST'] || '127.0.0.1',
    staticDir,
    services,
    devLogin: { enabled: !production && !env['JWT_JWKS_URL'], jwtSecret: env['JWT_SECRET'] || undefined },
  };
}
