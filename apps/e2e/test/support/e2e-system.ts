import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { mintToken, Role } from '@appliance-care/auth';
import { createEvent, dlqTopic, EventEnvelope, PurchaseRecorded, Topics } from '@appliance-care/contracts';
import { http } from '@appliance-care/service-testing';
import { KafkaProbe, ProbedMessage, ReceivedMail, SmtpSink, uniqueSuffix, waitFor } from '@appliance-care/testing';

import { HttpReceiver } from './http-receiver';
import { ROOT, Service, ServiceProcesses, SERVICES } from './service-processes';

export type Data = Record<string, any>;

export interface SeededTechnician {
  technicianId: string;
  name: string;
  email: string;
  phone: string;
  skills: string[];
  regions: string[];
}

export const SEED_FILE = path.join(__dirname, 'technicians.e2e-seed.json');
export const ROSTER: SeededTechnician[] = JSON.parse(readFileSync(SEED_FILE, 'utf8'));
/**
 * The library technicians (a branch, no travel region), working all day every day like the appliance
 * roster. Dispatch loads them apart from DISPATCH_SEED_FILE (once none with a branch is on the roster):
 * without this file the e2e run would have no library technician and every queue item would wait.
 */
export const LIBRARY_SEED_FILE = path.join(__dirname, 'library-technicians.e2e-seed.json');
export const LIBRARY_ROSTER: { technicianId: string; skills: string[]; branch: string }[] = JSON.parse(
  readFileSync(LIBRARY_SEED_FILE, 'utf8'),
);

/** The part no london van or depot has at the start: the lifecycle that waits for parts orders it. */
export const OUT_OF_STOCK = { sku: 'WM-HTR-2000', location: 'depot:london' };

/** The stock `npm start` seeds, less OUT_OF_STOCK (the e2e roster's vans are not stocked). */
function partsSeedFile(dir: string): string {
  const seed = path.join(ROOT, 'libs/parts/src/data/stock.seed.json');
  const rows = JSON.parse(readFileSync(seed, 'utf8')) as { location: string; sku: string }[];
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'stock.e2e-seed.json');
  const stocked = rows.filter((r) => !(r.location === OUT_OF_STOCK.location && r.sku === OUT_OF_STOCK.sku));
  writeFileSync(file, JSON.stringify(stocked));
  return file;
}

export const dataOf = (e: EventEnvelope): Data => e.data as Data;
const typeOf = (m: ReceivedMail): string => m.headers['x-event-type'];

/**
 * The whole system as it runs in production, shared by every lifecycle of the suite: six service
 * processes (LOG_LEVEL=info, each one's output in a file), the real broker and store, an SMTP server,
 * and an HTTP receiver standing in for the SMS provider and the customers' webhooks. The test drives
 * it only as the outside world does: Kafka (sales system, devices) and HTTP (customers, technicians).
 */
export class E2eSystem {
  readonly run = uniqueSuffix();
  readonly prefix = `e2e.${this.run}.`;
  readonly jwtSecret = `e2e-jwt-${randomBytes(24).toString('hex')}`;
  readonly smtp = new SmtpSink();
  readonly probe = new KafkaProbe();
  readonly receiver = new HttpReceiver();
  readonly logDir = path.join(os.tmpdir(), `appliance-care-e2e-${this.run}`);
  private processes?: ServiceProcesses;
  /** secret → what it is: every bearer token the run minted, webhook secret it set, phone number it used; none may be logged */
  readonly secrets = new Map<string, string>();
  private requests = 0;

  topic(logical: string): string {
    return `${this.prefix}${logical}`;
  }

  async start(): Promise<void> {
    await Promise.all([this.smtp.start(), this.receiver.start()]);
    const topics = Object.values(Topics).map((t) => this.topic(t));
    await this.probe.watch([...topics, this.topic(dlqTopic(Topics.purchases))]);
    for (const t of ROSTER) this.remember(`the phone number of ${t.technicianId}`, t.phone);
    this.processes = new ServiceProcesses(
      {
        ...process.env,
        KAFKA_TOPIC_PREFIX: this.prefix,
        KAFKA_GROUP_PREFIX: this.prefix,
        SMTP_URL: this.smtp.url,
        SMS_API_URL: this.receiver.url('/sms'),
        // the receiver standing in for customers' webhooks listens on loopback, which is refused unless allowed
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        DISPATCH_SEED_FILE: SEED_FILE,
        DISPATCH_LIBRARY_SEED_FILE: LIBRARY_SEED_FILE,
        PARTS_SEED_FILE: partsSeedFile(this.logDir),
        JWT_SECRET: this.jwtSecret,
        SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
        // info logs every request: what the secrets check reads (E2E_LOG_LEVEL=debug reads even more)
        LOG_LEVEL: process.env['E2E_LOG_LEVEL'] ?? 'info',
        // one test client polls for twenty customers at once; the per-address limit is for real clients
        RATE_LIMIT_PER_MINUTE: '0',
        // a maintenance visit falls due within the run: the sweeper looks every second, not every minute
        MAINTENANCE_SWEEP_MS: '1000',
      },
      this.logDir,
    );
    await this.processes.start(this.run);
  }

  get services(): ServiceProcesses {
    if (!this.processes) throw new Error('the system is not started');
    return this.processes;
  }

  async stop(): Promise<void> {
    await this.processes?.stop();
    await this.probe.close();
    await Promise.all([this.smtp.stop(), this.receiver.stop()]);
  }

  async token(
    role: Role,
    ids: { customerId?: string; technicianId?: string; patronId?: string } = {},
  ): Promise<string> {
    const token = await mintToken(
      { sub: `${role}-e2e-${ids.customerId ?? ids.technicianId ?? ids.patronId ?? 'staff'}`, roles: [role], ...ids },
      this.jwtSecret,
    );
    this.remember(`a ${role} bearer token`, token);
    return token;
  }

  remember(label: string, secret: string): void {
    this.secrets.set(secret, label);
  }

  /** A REST call with a correlation id of this run (so the logs can be checked for it). */
  call(
    method: string,
    service: Service,
    p: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const correlationId = `e2e-${this.run}-${++this.requests}`;
    return http(method, `${this.services.url(service)}/api/v1/${p}`, {
      ...options,
      headers: { 'x-correlation-id': correlationId, ...options.headers },
    });
  }

  async dispatcher(): Promise<string> {
    return this.token('dispatcher');
  }

  // --- the sales system -------------------------------------------------------------------------

  customer(
    tag: string,
    extra: Partial<PurchaseRecorded['customer']> = {},
    region = 'london',
  ): PurchaseRecorded['customer'] {
    return {
      id: `C-${tag}-${this.run}`,
      name: `Customer ${tag}`,
      email: `${tag}.${this.run}@example.org`,
      locale: 'en-GB',
      address: {
        line1: '12 St James Square',
        city: region.charAt(0).toUpperCase() + region.slice(1),
        postalCode: 'SW1Y 4JH',
        country: 'GB',
        region,
      },
      ...extra,
    };
  }

  order(
    tag: string,
    customer: PurchaseRecorded['customer'],
    items: PurchaseRecorded['items'],
    purchasedAt = new Date(Date.now() - 60_000).toISOString(),
  ): PurchaseRecorded {
    return { orderId: `ORD-${tag}-${this.run}`, purchasedAt, channel: 'store', customer, items };
  }

  purchaseEvent(order: PurchaseRecorded): EventEnvelope {
    return createEvent({
      type: 'sales.purchase.recorded.v1',
      source: '/e2e/point-of-sale',
      subject: order.orderId,
      data: order,
    });
  }

  async publishPurchase(event: EventEnvelope, mode: 'binary' | 'structured' = 'binary'): Promise<void> {
    await this.probe.publish(this.topic(Topics.purchases), event, mode);
  }

  /** Publishes the purchase and answers the appliance id of each item (by serial number). */
  async buy(order: PurchaseRecorded): Promise<string[]> {
    await this.publishPurchase(this.purchaseEvent(order));
    return Promise.all(
      order.items.map(
        async (item) =>
          dataOf(await this.eventFor('appliance.registered.v1', (d) => d['serialNumber'] === item.serialNumber))[
            'applianceId'
          ],
      ),
    );
  }

  /** An installation window two (or more) days ahead, 08:00–20:00 UTC: every e2e technician works all day, every day. */
  window(daysAhead = 2): { from: string; to: string } {
    const day = new Date(Date.now() + daysAhead * 86_400_000);
    const at = (h: number) =>
      new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h)).toISOString();
    return { from: at(8), to: at(20) };
  }

  // --- events -----------------------------------------------------------------------------------

  /** Distinct events (by id) of a type matching the filter, in the order first seen. */
  events(type: string, match: (d: Data) => boolean = () => true): EventEnvelope[] {
    return [
      ...new Map(
        this.probe
          .events(type)
          .filter((e) => match(dataOf(e)))
          .map((e) => [e.id, e]),
      ).values(),
    ];
  }

  async eventFor(type: string, match: (d: Data) => boolean, nth = 1, timeoutMs = 90_000): Promise<EventEnvelope> {
    return waitFor(() => this.events(type, match)[nth - 1], { timeoutMs, intervalMs: 200, what: `${type} #${nth}` });
  }

  /**
   * Waits until the service's consumer group has committed past every matching message on the topic:
   * whatever the service does with them has been done (or dead-lettered).
   */
  async consumed(
    service: Service,
    logicalTopic: string,
    match: (m: ProbedMessage) => boolean,
  ): Promise<ProbedMessage[]> {
    const topic = this.topic(logicalTopic);
    const messages = await waitFor(
      () => {
        const found = this.probe.on(topic).filter(match);
        return found.length ? found : undefined;
      },
      { timeoutMs: 30_000, what: `messages on ${topic}` },
    );
    const admin = this.probe.kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        async () => {
          const [committed] = await admin.fetchOffsets({
            groupId: `${this.prefix}appliance-care.${service}`,
            topics: [topic],
          });
          const next = (partition: number) =>
            Number(committed?.partitions.find((p) => p.partition === partition)?.offset ?? -1);
          return messages.every((m) => next(m.partition) > Number(m.offset));
        },
        { timeoutMs: 90_000, intervalMs: 300, what: `${service} to consume ${messages.length} message(s) on ${topic}` },
      );
    } finally {
      await admin.disconnect();
    }
    return messages;
  }

  // --- mail -------------------------------------------------------------------------------------

  inbox(address: string): Inbox {
    return new Inbox(this.smtp, address);
  }

  /**
   * The recipient's notifications once none is waiting any more (every one sent, suppressed or
   * failed): after that no further mail can come for what has happened so far.
   */
  async settledNotifications(recipientId: string): Promise<Data[]> {
    const dispatcher = await this.dispatcher();
    return waitFor(
      async () => {
        const res = await this.call(
          'GET',
          'notifications',
          `notifications?recipientId=${encodeURIComponent(recipientId)}&limit=500`,
          { token: dispatcher },
        );
        const items: Data[] = res.body.items ?? [];
        return res.status === 200 && items.every((n) => ['sent', 'suppressed', 'failed'].includes(n['status']))
          ? items
          : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500, what: `${recipientId}'s notifications to settle` },
    );
  }

  // --- portal -----------------------------------------------------------------------------------

  async timeline(applianceId: string): Promise<Data> {
    return (await this.call('GET', 'portal', `appliances/${applianceId}/timeline`, { token: await this.dispatcher() }))
      .body;
  }

  // --- logs -------------------------------------------------------------------------------------

  logOf(service: Service): string {
    return readFileSync(this.services.logFile(service), 'utf8');
  }

  /** Each leak: which secret, in which service's log (the secret itself is never printed). */
  leaks(): string[] {
    const found: string[] = [];
    for (const service of SERVICES) {
      const log = this.logOf(service);
      for (const [value, label] of this.secrets) {
        for (const form of secretForms(value)) if (log.includes(form)) found.push(`${label} in ${service}.log`);
      }
    }
    return [...new Set(found)];
  }
}

/**
 * The forms in which a secret could show up: as given, and for a phone number its digits (with or
 * without the international prefix), which a log may print however the number was written. Masked
 * forms (the last few digits) are allowed.
 */
function secretForms(value: string): string[] {
  if (!/^\+?[0-9 ()-]{6,20}$/.test(value)) return [value];
  const digits = value.replace(/\D/g, '');
  return [...new Set([value, digits, digits.slice(2)])];
}

/** Credentials the environment hands the services (SASL, store and SMTP passwords), if any. */
export function environmentSecrets(env: NodeJS.ProcessEnv): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(env)) {
    if (!value) continue;
    if (/(PASSWORD|SECRET|PASSPHRASE|API_KEY|TOKEN)$/i.test(key) && value.length >= 6) found.set(`$${key}`, value);
    for (const m of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:([^@/\s]+)@/gi))
      if (m[1].length >= 4) found.set(`the password in $${key}`, decodeURIComponent(m[1]));
  }
  return found;
}

/**
 * One recipient's mail, read step by step. Mails caused by one step of a lifecycle may arrive in
 * any order (the delivery worker sends a batch over parallel lanes), so within a step they are
 * compared sorted; across steps the order holds because the test takes the next step only after
 * the previous step's mails have arrived.
 */
export class Inbox {
  private seen = 0;
  readonly expected: string[] = [];

  constructor(
    private readonly smtp: SmtpSink,
    readonly address: string,
  ) {}

  mails(): ReceivedMail[] {
    return this.smtp.to(this.address);
  }

  async next(...types: string[]): Promise<void> {
    const want = this.seen + types.length;
    await waitFor(() => this.mails().length >= want, {
      timeoutMs: 90_000,
      intervalMs: 200,
      what: `${want} mails to ${this.address} (${types.join(', ')})`,
    }).catch(() => undefined);
    const step = this.mails().slice(this.seen, want).map(typeOf);
    expect({ to: this.address, step: step.sort() }).toEqual({ to: this.address, step: [...types].sort() });
    this.seen = want;
    this.expected.push(...types);
  }

  /** Once the recipient's notifications have settled: exactly the expected mails, nothing after them. */
  expectComplete(): void {
    expect({ to: this.address, types: this.mails().map(typeOf).slice(this.seen) }).toEqual({
      to: this.address,
      types: [],
    });
    expect(this.mails().length).toBe(this.expected.length);
  }
}

/** Polls `read` until `done` holds or the time is up, and answers the last value (the caller asserts on it). */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    value = await read();
  }
  return value;
}

export const newId = (): string => randomUUID().slice(0, 8);
