// Gives the test run Kafka and MongoDB: KAFKA_BROKERS/MONGODB_URI when set; else testcontainers when
// a Docker engine answers; else the project's local processes (started if needed). Workers inherit
// the resulting environment.
'use strict';
const { execFileSync } = require('node:child_process');

function dockerAnswers() {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

module.exports = async function globalSetup() {
  if (process.env.KAFKA_BROKERS && process.env.MONGODB_URI) return;
  if (process.env.TEST_INFRA !== 'local' && dockerAnswers()) {
    const { KafkaContainer } = require('@testcontainers/kafka');
    const { MongoDBContainer } = require('@testcontainers/mongodb');
    const [kafka, mongo] = await Promise.all([
      new KafkaContainer('confluentinc/cp-kafka:7.7.1').withKraft().withExposedPorts(9093).start(),
      new MongoDBContainer('mongo:8.0').start(),
    ]);
    process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
    process.env.MONGODB_URI = `${mongo.getConnectionString()}/?directConnection=true`;
    globalThis.__CONTAINERS__ = [kafka, mongo];
    return;
  }
  const infra = require('../infra.js');
  await infra.up(['kafka', 'ferretdb']);
  process.env.KAFKA_BROKERS ??= infra.bootstrapServers(); // every node of a KAFKA_NODES cluster
  process.env.MONGODB_URI ??= `mongodb://127.0.0.1:${infra.ports.ferretdb}`;
  const pruned = await require('../infra/test-topics.js').pruneTestTopics(process.env.KAFKA_BROKERS);
  if (pruned > 0) console.log(`[infra] removed ${pruned} test topics of earlier runs`);
};
