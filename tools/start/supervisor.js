// Runs processes and keeps them running: one that dies while the supervisor is not stopping (a crash,
// a SIGKILL) is started again after the restart policy's pause; one in a crash loop stops everything
// (`onGiveUp`). Every (re)start and death rewrites the services file (services-file.js) for the
// processes that are service instances.
'use strict';
const { spawn } = require('node:child_process');

const { prefixed } = require('./log-lines.js');
const { afterDeath, RESTART_POLICY } = require('./restart-policy.js');
const { writeServicesFile } = require('./services-file.js');

class Supervisor {
  /**
   * `options`: { cwd, servicesFile, labelWidth, onGiveUp(message), policy?, log? }. A process spec
   * (`add`): { label, command, args, env, color, service?, instance?, port? } — a spec with a
   * `service` is listed in the services file.
   */
  constructor(options) {
    this.options = { policy: RESTART_POLICY, log: (line) => console.error(line), ...options };
    this.supervised = [];
    this.stopping = false;
  }

  add(spec) {
    const entry = { spec, child: undefined, startedAt: undefined, deaths: [], restartTimer: undefined };
    this.supervised.push(entry);
    this.spawn(entry);
  }

  /** The service instances running now, as the services file lists them. */
  running() {
    return this.supervised
      .filter(({ spec, child }) => spec.service && child && child.exitCode === null && child.signalCode === null)
      .map(({ spec, child, startedAt }) => ({
        service: spec.service,
        instance: spec.instance,
        port: spec.port,
        pid: child.pid,
        startedAt,
      }));
  }

  spawn(entry) {
    const { spec } = entry;
    const child = spawn(spec.command, spec.args, {
      cwd: this.options.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    entry.child = child;
    entry.startedAt = new Date().toISOString();
    prefixed(spec.label, spec.color, this.options.labelWidth, child.stdout);
    prefixed(spec.label, spec.color, this.options.labelWidth, child.stderr);
    child.on('exit', (code, signal) => this.exited(entry, child, signal ?? code));
    // a program that cannot be started at all (e.g. node vanished) counts as a death too
    child.on('error', (err) => this.options.log(`[start] ${spec.label} could not start: ${err.message}`));
    this.writeFile();
  }

  exited(entry, child, how) {
    if (this.stopping || entry.child !== child) return;
    this.writeFile();
    entry.deaths.push(Date.now());
    const next = afterDeath(entry.deaths, this.options.policy);
    if (next.giveUp) {
      this.options.log(`[start] ${entry.spec.label} exited (${how}); ${next.giveUp}: stopping everything`);
      this.options.onGiveUp(entry.spec.label);
      return;
    }
    const seconds = Number((next.restartInMs / 1000).toFixed(1));
    this.options.log(`[start] ${entry.spec.label} exited (${how}); restarting in ${seconds} s`);
    entry.restartTimer = setTimeout(() => {
      entry.restartTimer = undefined;
      if (!this.stopping) this.spawn(entry);
    }, next.restartInMs);
  }

  writeFile() {
    if (this.options.servicesFile) writeServicesFile(this.options.servicesFile, this.running());
  }

  /** No more restarts; SIGTERM to every process (graceful shutdown), SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000) {
    this.stopping = true;
    await Promise.all(
      this.supervised.map(
        (entry) =>
          new Promise((resolve) => {
            clearTimeout(entry.restartTimer);
            const { child } = entry;
            if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', resolve);
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
          }),
      ),
    );
  }
}

module.exports = { Supervisor };
