import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge, register } from 'prom-client';

import { deterministicUuid } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';

import { RepairsPolicy } from '../config/repairs-policy.config';
import { RepairTicket } from '../domain/repair-ticket';
import { slaClockOf, slaWarning } from '../domain/sla.policy';
import { TicketRepository, WatchedTicket } from '../persistence/ticket.repository';
import { REPAIRS_POLICY } from './repairs.tokens';
import { TicketChanges } from './ticket-changes.unit-of-work';

const slaBreaches =
  (register.getSingleMetric('repairs_sla_breaches_total') as Counter | undefined) ??
  new Counter({ name: 'repairs_sla_breaches_total', help: 'Repair tickets that missed their SLA due time' });

const slaTickets =
  (register.getSingleMetric('repairs_sla_tickets') as Gauge | undefined) ??
  new Gauge({
    name: 'repairs_sla_tickets',
    help: 'Running SLA clocks at the last scan: at-risk = used the warning share (REPAIRS_SLA_WARNING_SHARE) of the allowed time, not yet due; overdue = breach not yet recorded',
    labelNames: ['state'],
  });

/**
 * Finds tickets past their due time (breach) and those that used the warning share of their time
 * (at risk). Clocks live in the store, so a restart misses nothing; a breach or a warning is a
 * conditional write on the ticket's version that sets the ticket's flag, so two instances never both
 * emit it, and its event id is derived from the ticket, so even a republished one is the same event.
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
   * One pass: the equality flag narrows the set, the due time and the warning share are compared
   * here. The scan is a job of its own: its id is the causation of the breaches and warnings it
   * records (logged when there are any). Answers the number of breaches recorded.
   */
  scan(now = new Date()): Promise<number> {
    return Correlation.runJob((scanId) => this.scanAll(now, scanId));
  }

  private async scanAll(now: Date, scanId: string): Promise<number> {
    const watched = await this.repository.watched();
    const due = watched.filter((t) => t.slaDueAt.getTime() <= now.getTime());
    const share = this.policy.sla.warningShare;
    const atRisk = watched.filter((t) => slaWarning(slaClockOf(t), now, share).atRisk);
    slaTickets.set({ state: 'at-risk' }, atRisk.length);
    const breached = await this.recordEach(due, (ticket) => ticket.breachSla(now), 'SLA breach');
    const unwarned = atRisk.filter((t) => !t.slaAtRisk);
    const warned = await this.recordEach(unwarned, (ticket) => ticket.warnSla(now, share), 'SLA warning');
    slaTickets.set({ state: 'overdue' }, due.length - breached);
    if (breached) slaBreaches.inc(breached);
    if (breached || warned) this.logger.log({ scanId, breached, atRisk: warned }, 'SLA breaches and warnings recorded');
    this.scans += 1;
    return breached;
  }

  /** One conditional write per ticket the domain decides on; the count of those that emitted. */
  private async recordEach(
    tickets: readonly WatchedTicket[],
    decide: (ticket: RepairTicket) => boolean,
    what: string,
  ): Promise<number> {
    let recorded = 0;
    for (const { ticketId } of tickets) {
      let emitted = false;
      try {
        await this.tickets.change(ticketId, (ticket) => {
          emitted = decide(ticket);
          return emitted && { eventId: (type) => deterministicUuid(`${ticketId}|${type}`) };
        });
      } catch (err) {
        // the ticket keeps its flag: the next scan tries again
        this.logger.warn({ ticketId, err: (err as Error).message }, `${what} not recorded yet`);
        continue;
      }
      if (emitted) recorded += 1;
    }
    return recorded;
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
