// Test suites create their topics under `test.<suite>.<base36 ms><6 hex>.` (libs/testing test-env.ts)
// on the shared development broker. Left there, they pile up run after run until the broker has more
// partition files open than the process may (it then dies at start-up with "Too many open files").
// Each run removes the test topics of earlier runs: those whose prefix is older than any suite lives.
'use strict';

const TEST_TOPIC = /^test\..+?\.([0-9a-z]{8})[0-9a-f]{6}\./;
const OLDER_THAN_MS = 3 * 3600_000;
const BATCH = 100;

/** The names among `topics` that a test suite created more than `olderThanMs` before `now`. */
function staleTestTopics(topics, now = Date.now(), olderThanMs = OLDER_THAN_MS) {
  return topics.filter((name) => {
    const match = TEST_TOPIC.exec(name);
    return match !== null && now - parseInt(match[1], 36) > olderThanMs;
  });
}

/** Deletes the stale test topics on `brokers` (a comma list); returns how many. Never fails the run: it is housekeeping. */
async function pruneTestTopics(brokers) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const stale = staleTestTopics(await admin.listTopics());
    for (let i = 0; i < stale.length; i += BATCH) {
      await admin.deleteTopics({ topics: stale.slice(i, i + BATCH), timeout: 60_000 });
    }
    return stale.length;
  } catch {
    return 0;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

module.exports = { staleTestTopics, pruneTestTopics };
