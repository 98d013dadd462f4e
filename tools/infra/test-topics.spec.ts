// tools/infra/test-topics.js is plain node (jest's global setup runs it); its pure part, typed here
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { staleTestTopics } = require('./test-topics.js') as {
  staleTestTopics: (topics: string[], now: number, olderThanMs?: number) => string[];
};

const prefix = (suite: string, at: number) => `test.${suite}.${at.toString(36)}a1b2c3.`;

describe('staleTestTopics', () => {
  const now = Date.UTC(2026, 11, 1, 12);
  it("picks the test topics of runs older than three hours, never a lifecycle topic or a live run's", () => {
    const old = now - 4 * 3600_000;
    const live = now - 600_000;
    const topics = [
      `${prefix('dispatch', old)}dispatch.events.v1`,
      `${prefix('repairs-sla', old)}repairs.events.v1.dlq`,
      `${prefix('dispatch', live)}dispatch.events.v1`,
      'dispatch.events.v1',
      'sales.purchases.v1.dlq',
      '__consumer_offsets',
      'test.looks-like-it.notatimestamp.x',
    ];
    expect(staleTestTopics(topics, now)).toEqual([topics[0], topics[1]]);
  });
});
