/** True when every failure of a write is a duplicate key (E11000): another writer got there first. */
export function isDuplicateKeyOnly(err: unknown): boolean {
  const e = err as { code?: number; writeErrors?: { code?: number; err?: { code?: number } }[] };
  if (e?.code === 11000) return true;
  const writeErrors = e?.writeErrors ?? [];
  return writeErrors.length > 0 && writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
}

/** Drops undefined fields: FerretDB and MongoDB store them differently, and $set must not carry them. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
