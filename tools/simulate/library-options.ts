/** `--library`: the simulator runs a library day instead of appliance purchases (issue 21). */
export interface LibraryOptions {
  items: number;
  originalRate: number;
  holdRate: number;
  damageRate: number;
  /** library-services' and portal's base URLs */
  libraryUrl: string;
}

/** The flags only the library day reads (the rest: --seed, --run-id, --rate, --concurrency, --timeout, --progress). */
export const LIBRARY_FLAGS = [
  'library',
  'items',
  'original-rate',
  'hold-rate',
  'damage-rate',
  'library-services-url',
] as const;

export const LIBRARY_USAGE = `  --library: a library day instead of purchases: --items (10) receipts from acquisitions (library.item.received.v1),
    --original-rate (0.3) of them original cataloguing (a librarian approves), --hold-rate (0.4) held by a patron while
    processed (one mail each when shelf-ready), --damage-rate (0.2) reported damaged once on the shelf and repaired;
    simulated library technicians act on the queue items dispatch assigns them (whatever their working hours say),
    a simulated librarian approves and triages; exit 1 when an item did not finish or a patron's mail was lost or
    duplicated. --library-services-url (SIM_LIBRARY_SERVICES_URL, http://127.0.0.1:3008)`;

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function share(argv: readonly string[], name: string, fallback: number): number {
  const raw = flag(argv, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`--${name}: "${raw}" is not a share 0-1`);
  return value;
}

/** The library day's flags (defaults as LIBRARY_USAGE says). */
export function parseLibraryOptions(argv: readonly string[], env: NodeJS.ProcessEnv): LibraryOptions {
  const rawItems = flag(argv, 'items') ?? '10';
  const items = Number(rawItems);
  if (!Number.isInteger(items) || items < 1 || items > 9999) throw new Error(`--items: "${rawItems}" is not 1-9999`);
  const url = flag(argv, 'library-services-url') ?? env['SIM_LIBRARY_SERVICES_URL'] ?? 'http://127.0.0.1:3008';
  return {
    items,
    originalRate: share(argv, 'original-rate', 0.3),
    holdRate: share(argv, 'hold-rate', 0.4),
    damageRate: share(argv, 'damage-rate', 0.2),
    libraryUrl: url.replace(/\/$/, ''),
  };
}
