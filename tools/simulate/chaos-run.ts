import type { Role } from '@appliance-care/auth';

import { Lifecycle } from './bookkeeping';
import { ChaosMonkey } from './chaos-monkey';
import { chaosSection } from './chaos-report';
import { survey, Survey } from './chaos-survey';
import { ChaosTargets, localTargets } from './chaos-targets';
import { ChaosOptions, SimulatorOptions } from './options';
import { Prng } from './prng';
import { RestClient } from './rest';
import { Tracker } from './tracker';

/** The days past the install lead a run's bookings may reach (repairs, return visits, maintenance). */
const DAYS_BEYOND_INSTALLS = 30;

/**
 * `--chaos` in a simulation: the monkey during the run, then the survey of the services' APIs and
 * the chaos section of the summary. Its generator is seeded from --seed but apart from the plan's,
 * so turning chaos on changes no purchase.
 */
export class ChaosRun {
  private readonly monkey: ChaosMonkey;
  private surveyed?: Survey;

  constructor(
    private readonly options: SimulatorOptions & { chaos: ChaosOptions },
    log: (line: string) => void,
    targets: ChaosTargets = localTargets(options.chaos.runDir),
  ) {
    const prng = new Prng((Math.imul(options.seed, 0x9e3779b1) ^ 0xc4a05) >>> 0);
    this.monkey = new ChaosMonkey(options.chaos, targets, prng, log);
  }

  start(): void {
    this.monkey.start();
  }

  /** The rounds --chaos-rounds asks for are done: the run may end. */
  satisfied(): boolean {
    return this.monkey.roundsDone() >= this.options.chaos.rounds;
  }

  /** No new action; resolves once the one under way has brought its target back. */
  stop(): Promise<void> {
    return this.monkey.stop();
  }

  /** Reads the services' APIs (after the drain): duplicates, bookings, and what the event stream missed. */
  async survey(
    rest: RestClient,
    token: (role: Role) => Promise<string>,
    lifecycles: readonly Lifecycle[],
    tracker: Tracker,
  ) {
    const o = this.options;
    const installDays = Math.ceil((o.purchases * 1.2) / o.installsPerDay);
    const daysAhead = o.installLeadDays + installDays + DAYS_BEYOND_INSTALLS;
    this.surveyed = await survey({ urls: o.urls, rest, token, daysAhead }, lifecycles, tracker.missing());
    return this.surveyed.confirmedSlots.size;
  }

  /** The chaos section of the summary (survey() first). */
  section(lifecycles: readonly Lifecycle[], tracker: Tracker): { ok: boolean; text: string } {
    if (!this.surveyed) throw new Error('survey() before section()');
    return chaosSection({
      actions: this.monkey.actions,
      skipped: this.monkey.skipped,
      lifecycles,
      notifications: tracker.notificationTotals(),
      survey: this.surveyed,
    });
  }
}
