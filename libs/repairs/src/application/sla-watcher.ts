import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge, register } from 'prom-client';

import { deterministicUuid } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';

import { RepairsPolicy } from '../config/repairs-policy.config';
import { TicketRepository } from '../persistence/ticket.repository';
import { REPAIRS_POLICY } from './repairs.tokens';
import { TicketChanges } from './ticket-changes.unit-of-work';

const slaBreaches =
  (register.getSingleMetric('repairs_sla_breaches_total') as Counter | undefined) ??
  new Counter({ name: 'repairs_sla_breaches_total', help: 'Repair tickets that missed their SLA due time' });

/** How close to its due time an open ticket counts as at risk. */
const AT_RISK_WINDOW_MS = 60 * 60 * 1000;

const slaTickets =
  (register.getSingleMetric('repairs_sla_tickets') as Gauge | undefined) ??
  new Gauge({
    name: 'repairs_sla_tickets',
    help: 'Running SLA clocks at the last scan: at-risk = due within the hour, overdue = breach not yet recorded',
    labelNames: ['state'],
  });

/**
 * Finds tickets past their due time. Due times live in the store, so a restart misses nothing; the
 * breach is a conditional write on the ticket's version, so two instances never both emit it, and
 * its event id is derived from the ticket, so even a republished breach is the same event.
 */
@Injectable()
export class SlaWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaWatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  /** completed scans, for tests and diagnostics */
  scans = 0;

  constructor(
    private readonly repository: TicketRepository,
    private readonly tickets: TicketChanges,
    @Inject(REPAIRS_POLICY) private readonly policy: RepairsPolicy,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /**
   * One pass: the equality flag narrows the set, the due time is compared here. The scan is a job of
   * its own: its id is the causation of the breaches it records (logged when there are any).
   */
  scan(now = new Date()): Promise<number> {
    return Correlation.runJob((scanId) => this.scanAll(now, scanId));
  }

  private async scanAll(now: Date, scanId: string): Promise<number> {
    const watched = await this.repository.watched();
    const due = watched.filter((t) => t.slaDueAt && t.slaDueAt.getTime() <= now.getTime());
    const atRisk = watched.filter((t) => t.slaDueAt && t.slaDueAt.getTime() - now.getTime() <= AT_RISK_WINDOW_MS);
    slaTickets.set({ state: 'at-risk' }, atRisk.length - due.length);
    let breached = 0;
    for (const { ticketId } of due) {
      let emitted = false;
      try {
        await this.tickets.change(ticketId, (ticket) => {
          emitted = ticket.breachSla(now);
          return emitted && { eventId: (type) => deterministicUuid(`${ticketId}|${type}`) };
        });
      } catch (err) {
        // the ticket keeps its flag: the next scan tries again
        this.logger.warn({ ticketId, err: (err as Error).message }, 'SLA breach not recorded yet');
        continue;
      }
      if (emitted) breached += 1;
    }
    slaTickets.set({ state: 'overdue' }, due.length - breached);
    if (breached) {
      slaBreaches.inc(breached);
      this.logger.log({ scanId, breached }, 'SLA breaches recorded');
    }
    this.scans += 1;
    return breached;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.scan()
        .then(() => undefined)
        .catch((err) =>
          this.logger.warn({ err: (err as Error).message }, 'SLA scan failed; retrying at the next interval'),
        )
        .finally(() => this.schedule(this.policy.sla.scanIntervalMs));
    }, delay);
    this.timer.unref();
  }
}
