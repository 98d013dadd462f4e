// `npm start`'s counts: `--instances N` (INSTANCES) of every service and `--brokers N` (KAFKA_NODES)
// Kafka nodes, each a flag (`--name N` or `--name=N`) before its variable, else 1.
'use strict';

function wholeNumber(name, value, min, max) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
  }
  return n;
}

function countFlag(flag, variable, max, argv, env) {
  const at = argv.findIndex((arg) => arg === `--${flag}` || arg.startsWith(`--${flag}=`));
  if (at < 0) return wholeNumber(variable, env[variable] ?? '1', 1, max);
  const value = argv[at].includes('=') ? argv[at].split('=')[1] : argv[at + 1];
  return wholeNumber(`--${flag}`, value, 1, max);
}

/** `--instances 2`, `--instances=2`, else INSTANCES, else 1. */
const instanceCount = (argv = process.argv.slice(2), env = process.env) =>
  countFlag('instances', 'INSTANCES', 9, argv, env);

/** `--brokers 3` (a three-node KRaft cluster, tools/infra/kafka-cluster.js), else KAFKA_NODES, else 1. */
const brokerCount = (argv = process.argv.slice(2), env = process.env) =>
  countFlag('brokers', 'KAFKA_NODES', 5, argv, env);

module.exports = { wholeNumber, instanceCount, brokerCount };
