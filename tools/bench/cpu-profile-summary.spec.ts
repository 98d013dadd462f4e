import { placeOf, summarise } from './cpu-profile-summary';

describe('cpu profile summary', () => {
  it('names the package, our file or the runtime a frame belongs to', () => {
    expect(placeOf('file:///work/main/node_modules/mongoose/lib/model.js')).toBe('mongoose');
    expect(placeOf('file:///work/main/node_modules/@nestjs/core/router.js')).toBe('@nestjs/core');
    expect(placeOf('file:///work/main/libs/messaging/src/outbox.relay.ts')).toBe('libs/messaging/src/outbox.relay.ts');
    expect(placeOf('node:internal/streams/readable')).toBe('node:internal/streams/readable');
    expect(placeOf('')).toBe('(native)');
  });

  it('shares self time out among what was busy, leaving the idle loop out', () => {
    const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)') },
        { id: 2, callFrame: frame('deserialize', 'file:///x/node_modules/bson/lib/bson.js') },
        { id: 3, callFrame: frame('decide', 'file:///x/libs/dispatch/src/domain/assignment.policy.ts') },
        { id: 4, callFrame: frame('(garbage collector)') },
      ],
      samples: [1, 2, 2, 3, 4, 1],
      timeDeltas: [5000, 3000, 3000, 2000, 2000, 9000],
    };
    const summary = summarise(profile);
    expect(summary.busyMs).toBe(10);
    expect(summary.gcMs).toBe(2);
    expect(summary.places.map((p) => [p.name, p.ms])).toEqual([
      ['bson', 6],
      ['libs/dispatch/src/domain/assignment.policy.ts', 2],
      ['(gc)', 2],
    ]);
  });
});
