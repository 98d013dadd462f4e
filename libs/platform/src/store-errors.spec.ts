import { definedOnly, duplicateKeyIndexes, isDuplicateKey } from './store-errors';

describe('store errors', () => {
  const duplicate = { code: 11000 };
  const bulk = (...codes: number[]) => ({
    code: codes[0],
    writeErrors: codes.map((code, index) => ({ index, err: { code } })),
  });

  it('a single write refused as a duplicate key is a duplicate', () => {
    expect(isDuplicateKey(duplicate)).toBe(true);
    expect(isDuplicateKey({ code: 121 })).toBe(false);
    expect(isDuplicateKey(undefined)).toBe(false);
  });

  it('a bulk write is a duplicate only when every refusal is one', () => {
    expect(isDuplicateKey(bulk(11000, 11000))).toBe(true);
    expect(isDuplicateKey(bulk(11000, 121))).toBe(false);
  });

  it('names the refused positions of a bulk write, and rethrows any other failure', () => {
    expect(duplicateKeyIndexes(bulk(11000, 11000))).toEqual([0, 1]);
    const mixed = bulk(11000, 121);
    expect(() => duplicateKeyIndexes(mixed)).toThrow();
    const network = new Error('connection reset');
    expect(() => duplicateKeyIndexes(network)).toThrow(network);
  });

  it('drops undefined fields only', () => {
    expect(definedOnly({ a: 1, b: undefined, c: null })).toEqual({ a: 1, c: null });
  });
});
