import { findHostileInput, MAX_INPUT_DEPTH } from './hostile-input.guard';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, loadServiceConfig } from './service-config';

describe('findHostileInput', () => {
  it.each([
    [{ $gt: '' }, 'body.$gt'],
    [{ a: { b: [{ c: 1 }, { $where: 'x' }] } }, 'body.a.b.1.$where'],
    [{ 'a.b': 1 }, 'body.a.b'],
    [[{ ok: true }, { x: { 'y.z': 1 } }], 'body.1.x.y.z'],
  ])('finds %j at %s', (value, field) => {
    expect(findHostileInput(value, 'body')?.field).toBe(field);
  });

  it('lets harmless documents and scalars through, $ and . in values included', () => {
    expect(
      findHostileInput({ text: '$gt a.b', list: ['$where', { k: 'v.w' }], n: 1, empty: null }, 'body'),
    ).toBeUndefined();
    expect(findHostileInput(undefined, 'body')).toBeUndefined();
    expect(findHostileInput('$gt', 'body')).toBeUndefined();
  });

  it('refuses nesting beyond the limit without recursion', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findHostileInput(deep, 'body')?.message).toContain(`${MAX_INPUT_DEPTH}`);
    let fine: unknown = 'leaf';
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) fine = { a: fine };
    expect(findHostileInput(fine, 'body')).toBeUndefined();
  });
});

describe('rate limit configuration', () => {
  it('defaults generously, reads RATE_LIMIT_PER_MINUTE, 0 turns it off, nonsense is refused', () => {
    expect(loadServiceConfig('repairs', {}).rateLimitPerMinute).toBe(DEFAULT_RATE_LIMIT_PER_MINUTE);
    expect(loadServiceConfig('repairs', { RATE_LIMIT_PER_MINUTE: '30' }).rateLimitPerMinute).toBe(30);
    expect(loadServiceConfig('repairs', { RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
    expect(() => loadServiceConfig('repairs', { RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });
});
