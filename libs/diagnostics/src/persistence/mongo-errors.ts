/** True when every failure of a write is a duplicate key (E11000): another writer got there first. */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: number; writeErrors?: { code?: number; err?: { code?: number } }[] };
  if (e?.code === 11000) return true;
  const writeErrors = e?.writeErrors ?? [];
  return writeErrors.length > 0 && writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
}

/** Drops undefined values deeply: FerretDB and MongoDB store them differently. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
