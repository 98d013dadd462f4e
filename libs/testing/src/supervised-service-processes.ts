import { ChildProcess } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { Service, ServiceProcesses } from './service-processes';

/** One line of `<runDir>/services.json`, as `npm start --instances` (tools/start.js) keeps it. */
export interface ServiceInstanceRecord {
  service: string;
  instance: number;
  port: number;
  pid: number;
  startedAt: string;
}

/**
 * The services as ServiceProcesses runs them, under a supervisor like `npm start`'s: a service whose
 * process dies (SIGKILL, crash) is started again at once on the same port, and `<runDir>/services.json`
 * (one instance each, instance 0) is rewritten atomically on every (re)start, so a chaos run can pick
 * its victims there and see the new pid. `restarts` counts the restarts per service.
 */
export class SupervisedServiceProcesses extends ServiceProcesses {
  readonly restarts = new Map<Service, number>();
  private readonly records = new Map<Service, ServiceInstanceRecord>();

  constructor(
    env: NodeJS.ProcessEnv,
    logDir: string,
    databasePrefix: string,
    readonly runDir: string,
  ) {
    super(env, logDir, databasePrefix);
  }

  get servicesFile(): string {
    return path.join(this.runDir, 'services.json');
  }

  protected override spawnService(service: Service): ChildProcess {
    const child = super.spawnService(service);
    const file = this.running.get(service)?.file;
    child.once('exit', () => {
      if (this.stopping) return;
      file?.end();
      this.restarts.set(service, (this.restarts.get(service) ?? 0) + 1);
      this.spawnService(service);
    });
    this.records.set(service, {
      service,
      instance: 0,
      port: this.port(service),
      pid: child.pid ?? 0,
      startedAt: new Date().toISOString(),
    });
    this.writeRecords();
    return child;
  }

  /** Written beside and renamed into place: a reader never sees half a file. */
  private writeRecords(): void {
    mkdirSync(this.runDir, { recursive: true });
    const next = `${this.servicesFile}.${process.pid}.tmp`;
    writeFileSync(next, `${JSON.stringify([...this.records.values()], null, 2)}\n`);
    renameSync(next, this.servicesFile);
  }
}
