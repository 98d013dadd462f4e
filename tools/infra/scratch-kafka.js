// The fault tests' broker (libs/messaging/test/faults): a throw-away plaintext single-node KRaft broker
// that they kill and start again mid-run without touching the shared one.
'use strict';
const path = require('node:path');

const { kraftProperties } = require('./kafka.js');
const { startThrowawayKafka } = require('./throwaway-kafka.js');

/**
 * Resolves to { brokers, port, dir, kill, restart, stop, log } once the broker answers metadata.
 * kill(signal = 'SIGKILL') ends it; restart(signal = 'SIGKILL') stops it (if running) and starts it
 * again on the same ports and data, resolving when ready; stop() kills it and removes its folder.
 */
async function startScratchKafka(options = {}) {
  const configure = ({ dir, port, controllerPort }) =>
    kraftProperties({
      listener: { name: 'PLAINTEXT', protocol: 'PLAINTEXT', port },
      controllerPort,
      logDir: path.join(dir, 'logs'),
      // after a SIGKILL the controller waits out the dead broker's session before it admits the new one
      extra: ['broker.heartbeat.interval.ms=500', 'broker.session.timeout.ms=2500'],
    });
  const broker = await startThrowawayKafka({
    kind: 'scratch',
    heap: options.heap,
    timeoutMs: options.timeoutMs,
    configure,
    clientConfig: (brokers) => ({ brokers: [brokers] }),
  });
  const { brokers, port, dir } = broker;
  return {
    brokers,
    port,
    dir,
    kill: (signal) => broker.kill(signal),
    restart: (signal) => broker.restart(signal),
    stop: () => broker.stop(),
    log: () => broker.log(),
  };
}

module.exports = { startScratchKafka };
