#!/usr/bin/env node
// Local infrastructure without Docker: Apache Kafka (one KRaft broker, or with KAFKA_NODES=3 a cluster
// of three: tools/infra/kafka-cluster.js), FerretDB (PostgreSQL backend, SQLite where no PostgreSQL is
// installed, behind the write-serialising front of tools/infra/ferretdb), maildev (SMTP sink with a web
// UI) and Jaeger (traces, tools/infra/jaeger.js). Each is installed on first use into .cache/, keeps its
// data in .data/ (PostgreSQL: /var/tmp/appliance-care-<hash>/ when the postgres user cannot enter
// .data/), and runs detached with its pid and log in .run/. Every command is idempotent. The components
// live in tools/infra/*.js; this file is their command line and the facade the other scripts and tests
// use (the throw-away brokers and cluster of the security, fault and failover tests included).
// Environment: *_PORT (see `ports`; a cluster's nodes 2 and 3: KAFKA_<n>_PORT, KAFKA_<n>_CONTROLLER_PORT),
// KAFKA_NODES (1, or 3 for the cluster), INFRA_DATA_DIR, FERRETDB_BACKEND=postgresql|sqlite,
// FERRETDB_SERIALIZE=documents|all|none (default documents on PostgreSQL, all on SQLite),
// FERRETDB_MAX_IN_FLIGHT (requests inside FerretDB at once, default 64; 0: no cap).
//
//   node tools/infra.js up [kafka|ferretdb|maildev|jaeger ...]   install, start, wait until ready
//   node tools/infra.js down [names]                       stop what this project started
//   node tools/infra.js status                             what runs, where
//   node tools/infra.js logs <name>                        print a component's log
'use strict';
const fs = require('node:fs');

const { ports, portOpen, readPid, alive, logFile, stopDetached } = require('./infra/common.js');
const cluster = require('./infra/kafka-cluster.js');
const { startFerretDb } = require('./infra/ferretdb.js');
const { stopPostgres } = require('./infra/postgres.js');
const { startMaildev } = require('./infra/maildev.js');
const { startJaeger, jaegerPorts } = require('./infra/jaeger.js');
const { startSecuredKafka } = require('./infra/secured-kafka.js');
const { startScratchKafka } = require('./infra/scratch-kafka.js');
const { startThrowawayCluster } = require('./infra/throwaway-cluster.js');

/** name → how to start it and the port that answers when it runs; `stop` for what it depends on. */
const components = {
  kafka: { start: cluster.startKafkaCluster, port: ports.kafka, stop: cluster.stopKafkaCluster },
  ferretdb: { start: startFerretDb, port: ports.ferretdb, stop: stopPostgres },
  maildev: { start: startMaildev, port: ports.smtp },
  jaeger: { start: startJaeger, port: jaegerPorts.ui },
};

async function up(names) {
  await Promise.all(names.map((name) => components[name].start()));
}

async function down(names) {
  await Promise.all(names.map((name) => stopDetached(name)));
  for (const name of names) await components[name]?.stop?.();
}

async function printStatus(name, port) {
  const pid = readPid(name);
  const mine = pid && alive(pid);
  const open = await portOpen(port);
  const state = `${open ? 'listening' : 'down'}${mine ? ` (pid ${pid}, started here)` : ''}`;
  console.log(`${name.padEnd(9)} port ${String(port).padEnd(6)} ${state}`);
}

async function status() {
  const nodes = cluster.kafkaNodes();
  for (const [name, { port }] of Object.entries(components)) {
    if (name === 'kafka' && nodes.length > 1)
      for (const node of nodes) await printStatus(`kafka-${node.id}`, node.port);
    else await printStatus(name, port);
  }
}

module.exports = {
  up,
  down,
  status,
  ports,
  portOpen,
  components: Object.keys(components),
  startSecuredKafka,
  startScratchKafka,
  startThrowawayCluster,
  // the development Kafka's nodes (one, or KAFKA_NODES): see tools/infra/kafka-cluster.js
  kafkaNodes: cluster.kafkaNodes,
  bootstrapServers: cluster.bootstrapServers,
  startNode: cluster.startNode,
  stopNode: cluster.stopNode,
};

if (require.main === module) {
  const [cmd = 'status', ...rest] = process.argv.slice(2);
  const names = rest.length ? rest : Object.keys(components);
  const unknown = names.filter((name) => !components[name]);
  const actions = {
    up: () => up(names),
    down: () => down(names),
    status,
    logs: async () => process.stdout.write(fs.readFileSync(logFile(rest[0] || 'kafka'), 'utf8')),
  };
  if (!actions[cmd] || (cmd !== 'logs' && unknown.length)) {
    console.error(`usage: node tools/infra.js up|down|status|logs [${Object.keys(components).join('|')}]`);
    process.exit(2);
  }
  actions[cmd]().catch((err) => {
    console.error('[infra]', err.message);
    process.exit(1);
  });
}
