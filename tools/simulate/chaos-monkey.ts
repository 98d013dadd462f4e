import { ChaosSettings, ChaosStep, instanceKey, planRound } from './chaos-plan';
import { ChaosTargets, KafkaNode } from './chaos-targets';
import { Prng } from './prng';

/** A chaos action done (or attempted): when (ms since the chaos started), what, on which target. */
export interface ChaosAction {
  atMs: number;
  kind: 'kill' | 'broker' | 'store';
  target: string;
  /** the target came back (restarted, ready) in time */
  ok: boolean;
  detail: string;
}

/** A step that could not be taken at all (e.g. no cluster): logged, not an action. */
export interface ChaosSkip {
  kind: ChaosStep['kind'];
  why: string;
}

const POLL_MS = 250;
const BROKER_BACK_MS = 120_000;

/**
 * `--chaos`: while the run lasts, after a seeded pause of `intervalMs`, the next step of the plan
 * (chaos-plan.ts): SIGKILL a service instance and wait until its supervisor has restarted it (a new
 * pid in services.json) and it answers ready; once, SIGKILL a Kafka broker and start it again after
 * `brokerDownMs`; once, restart the store. Steps run one after another unless `overlap` allows more.
 */
export class ChaosMonkey {
  readonly actions: ChaosAction[] = [];
  readonly skipped: ChaosSkip[] = [];
  private readonly startedAt = Date.now();
  private queue: ChaosStep[] = [];
  private roundsPlanned = 0;
  private stopped = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  /** the steps under way, by target */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly settings: ChaosSettings,
    private readonly targets: ChaosTargets,
    private readonly prng: Prng,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  /** Stops planning; resolves once the action under way has finished (its target back). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  /** Full rounds done: every step of them taken and finished (the run may end once `rounds` are). */
  roundsDone(): number {
    return this.queue.length === 0 && this.inFlight.size === 0 ? this.roundsPlanned : this.roundsPlanned - 1;
  }

  /**
   * After each pause the next step, with at most `overlap` under way at once (1: one after another,
   * the pause counted from the previous target's return) and never two on one target.
   */
  private async run(): Promise<void> {
    while (!this.stopped) {
      while (this.inFlight.size >= this.settings.overlap) await Promise.race(this.inFlight.values());
      await this.pause(this.prng.int(...this.settings.intervalMs));
      if (this.stopped) break;
      const step = await this.nextStep();
      if (!step) continue;
      const key = step.kind === 'kill' ? step.target : step.kind;
      await this.inFlight.get(key);
      const taken = this.take(step)
        .catch((err: Error) => this.record(step.kind, key, false, err.message))
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, taken);
    }
    await Promise.all(this.inFlight.values());
  }

  private async nextStep(): Promise<ChaosStep | undefined> {
    if (this.queue.length === 0) {
      const instances = (await this.targets.instances()).map(instanceKey);
      this.queue = planRound(this.prng, [...new Set(instances)], this.roundsPlanned === 0, this.settings.skip);
      if (this.queue.length === 0) return undefined;
      this.roundsPlanned++;
    }
    return this.queue.shift();
  }

  private take(step: ChaosStep): Promise<void> {
    if (step.kind === 'kill') return this.kill(step.target);
    if (step.kind === 'broker') return this.restartBroker();
    return this.restartStore();
  }

  private async kill(target: string): Promise<void> {
    const victim = (await this.targets.instances()).find((i) => instanceKey(i) === target);
    if (!victim) return this.record('kill', target, false, 'not in services.json any more');
    const killedAt = Date.now();
    const delivered = this.targets.kill(victim.pid);
    this.say(`SIGKILL ${target} (pid ${victim.pid}, port ${victim.port})${delivered ? '' : ': already gone'}`);
    const back = await this.until(async () => {
      const now = (await this.targets.instances()).find((i) => instanceKey(i) === target && i.pid !== victim.pid);
      return now && (await this.targets.ready(now)) ? now : undefined;
    }, this.settings.restartTimeoutMs);
    const took = `${((Date.now() - killedAt) / 1000).toFixed(1)} s`;
    if (!back) return this.record('kill', target, false, `pid ${victim.pid}: not restarted and ready after ${took}`);
    this.record('kill', target, true, `pid ${victim.pid} → ${back.pid}, ready after ${took}`);
  }

  private async restartBroker(): Promise<void> {
    const kafka = this.targets.kafka;
    const nodes: KafkaNode[] = kafka ? await kafka.nodes() : [];
    if (!kafka || nodes.length < 2) {
      const why = kafka ? `${nodes.length} broker: not cluster mode` : 'no Kafka cluster tooling';
      this.skipped.push({ kind: 'broker', why });
      return this.say(`broker restart skipped (${why})`);
    }
    const node = this.prng.pick(nodes);
    this.say(
      `SIGKILL Kafka broker ${node.id} (port ${node.port}); start again in ${this.settings.brokerDownMs / 1000} s`,
    );
    await kafka.stop(node.id, 'SIGKILL');
    await this.pause(this.settings.brokerDownMs, false);
    const startedAt = Date.now();
    await kafka.start(node.id);
    const back = await this.until(() => kafka.answers(node), BROKER_BACK_MS);
    const took = `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
    this.record(
      'broker',
      `kafka-${node.id}`,
      Boolean(back),
      back ? `answering ${took} after its start` : `not back after ${took}`,
    );
  }

  private async restartStore(): Promise<void> {
    if (!this.targets.store) {
      this.skipped.push({ kind: 'store', why: 'no store restart on this target' });
      return this.say('store restart skipped (no store restart on this target)');
    }
    this.say('restarting the store (SIGKILL FerretDB, start it again)');
    const startedAt = Date.now();
    const what = await this.targets.store.restart();
    this.record('store', 'ferretdb', true, `${what}, back after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  }

  private record(kind: ChaosAction['kind'], target: string, ok: boolean, detail: string): void {
    const action = { atMs: Date.now() - this.startedAt, kind, target, ok, detail };
    this.actions.push(action);
    this.say(`${kind} ${target}: ${ok ? '' : 'FAILED: '}${detail}`);
  }

  /** A log line with the wall-clock time and the time since the chaos began. */
  private say(text: string): void {
    const since = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    this.log(`[chaos ${new Date().toISOString().slice(11, 19)}Z +${since} s] ${text}`);
  }

  /** Waits `ms`; `interruptible`: stop() ends the wait early (a broker already down waits its time out). */
  private pause(ms: number, interruptible = true): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      if (interruptible)
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
    });
  }

  private async until<T>(check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check().catch(() => undefined);
      if (value) return value;
      if (Date.now() > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
