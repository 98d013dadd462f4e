// A throw-away single-node KRaft broker from the shared jars, in a temporary folder on free ports:
// what the security tests' secured broker and the fault tests' scratch broker have in common. It can
// be killed and started again on the same ports and data; it is killed (and its folder removed) when
// this process exits, and stop() is safe to call twice. KafkaProcess, one broker's JVM, is shared with
// the throw-away cluster (throwaway-cluster.js).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { freePort, sleep, tail } = require('./common.js');
const { JVM, installKafka, javaArgs, formatStorage, kafkaAnswers } = require('./kafka.js');

/** One broker's JVM from its server.properties, its output appended to `logPath`; it can be killed and spawned again. */
class KafkaProcess {
  constructor(jvm, props, logPath) {
    Object.assign(this, { jvm, props, logPath });
    this.child = undefined;
  }

  spawn() {
    const out = fs.openSync(this.logPath, 'a');
    this.child = spawn('java', javaArgs(this.jvm, 'kafka.Kafka', [this.props]), { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    this.exit = new Promise((resolve) => this.child.once('exit', resolve));
  }

  running() {
    return Boolean(this.child) && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Ends the broker with `signal` (SIGKILL after 15 s) and resolves once it has exited. */
  async kill(signal = 'SIGKILL') {
    if (!this.running()) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.running() && this.child.kill('SIGKILL'), 15_000);
    await this.exit;
    clearTimeout(timer);
  }

  /** At process exit: no time to wait. */
  killNow() {
    try {
      if (this.running()) this.child.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }

  log() {
    return tail(this.logPath);
  }
}

class ThrowawayKafka {
  /**
   * @param options.kind         names the folder and the error messages (secured, scratch)
   * @param options.configure    ({ dir, port, controllerPort }) => server.properties text (and writes
   *                             what else the broker needs, e.g. its certificate, into dir)
   * @param options.formatExtra  extra storage-format arguments (e.g. SCRAM users)
   * @param options.clientConfig (brokers) => the kafkajs config that proves the broker ready
   * @param options.stopSignal   how stop() ends the broker (SIGTERM lets it shut down cleanly)
   * @param options.heap, options.timeoutMs  the JVM's heap (default 384m), the start's deadline (90 s)
   */
  constructor(options) {
    this.options = {
      ...options,
      formatExtra: options.formatExtra ?? [],
      stopSignal: options.stopSignal ?? 'SIGKILL',
      timeoutMs: options.timeoutMs ?? 90_000,
    };
    this.jvm = JVM.small(options.heap ?? '384m');
    this.stopped = false;
    this.orphanGuard = () => this.removeNow();
  }

  /** Installs the jars if needed, writes and formats the storage, starts the broker and waits for it. */
  async start() {
    installKafka();
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `appliance-care-kafka-${this.options.kind}-`));
    process.once('exit', this.orphanGuard);
    try {
      [this.port, this.controllerPort] = [await freePort(), await freePort()];
      this.brokers = `127.0.0.1:${this.port}`;
      this.props = path.join(this.dir, 'server.properties');
      this.logPath = path.join(this.dir, 'kafka.log');
      const text = this.options.configure({ dir: this.dir, port: this.port, controllerPort: this.controllerPort });
      fs.writeFileSync(this.props, text, { mode: 0o600 });
      this.process = new KafkaProcess(this.jvm, this.props, this.logPath);
      formatStorage(this.jvm, this.props, { extra: this.options.formatExtra });
      await this.launch();
    } catch (err) {
      await this.stop();
      throw new Error(`the ${this.options.kind} broker did not start: ${err.message}`);
    }
    return this;
  }

  running() {
    return Boolean(this.process?.running());
  }

  async launch() {
    this.process.spawn();
    const deadline = Date.now() + this.options.timeoutMs;
    while (!(await kafkaAnswers(this.options.clientConfig(this.brokers)))) {
      if (!this.running()) throw new Error(`it exited while starting:\n${this.log()}`);
      if (Date.now() > deadline) throw new Error(`not ready after ${this.options.timeoutMs} ms:\n${this.log()}`);
      await sleep(250);
    }
  }

  /** Ends the broker with `signal` (SIGKILL after 15 s) and resolves once it has exited. */
  async kill(signal = 'SIGKILL') {
    await this.process?.kill(signal);
  }

  /** Stops the broker (if running) and starts it again on the same ports and data. */
  async restart(signal = 'SIGKILL') {
    await this.kill(signal);
    await this.launch();
  }

  async stop() {
    if (this.stopped) return;
    this.stopped = true;
    process.off('exit', this.orphanGuard);
    await this.kill(this.options.stopSignal);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  log() {
    return this.process?.log() ?? '';
  }

  /** At process exit: no time to wait, so SIGKILL and remove the folder. */
  removeNow() {
    this.process?.killNow();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Starts a throw-away broker (see ThrowawayKafka's options) and resolves once it answers metadata. */
const startThrowawayKafka = (options) => new ThrowawayKafka(options).start();

module.exports = { startThrowawayKafka, KafkaProcess };
