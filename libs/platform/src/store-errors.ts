/**
 * What a store's refusal means, for every repository: MongoDB and FerretDB report a duplicate key
 * as E11000, on the error itself (one write) or per write of a bulk operation.
 */
const DUPLICATE_KEY = 11000;

interface WriteError {
  index: number;
  code?: number;
  err?: { code?: number };
}

function writeErrorsOf(err: unknown): WriteError[] {
  const writeErrors = (err as { writeErrors?: WriteError | WriteError[] } | undefined)?.writeErrors;
  if (!writeErrors) return [];
  return Array.isArray(writeErrors) ? writeErrors : [writeErrors];
}

/** True when every failure of a write is a duplicate key: another writer got there first. */
export function isDuplicateKey(err: unknown): boolean {
  const writeErrors = writeErrorsOf(err);
  if (writeErrors.length === 0) return (err as { code?: number } | undefined)?.code === DUPLICATE_KEY;
  return writeErrors.every((write) => (write.code ?? write.err?.code) === DUPLICATE_KEY);
}

/**
 * The positions of an unordered bulk write that were refused as duplicates; any other failure is
 * rethrown (the caller cannot tell what was written).
 */
export function duplicateKeyIndexes(err: unknown): number[] {
  const writeErrors = writeErrorsOf(err);
  if (writeErrors.length === 0 || !isDuplicateKey(err)) throw err;
  return writeErrors.map((write) => write.index);
}

/** Drops undefined fields: FerretDB and MongoDB store them differently, and `$set` must not carry them. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/**
 * A value as the store should keep it: undefined fields dropped at every depth (the driver would
 * write them as null, which MongoDB and FerretDB then hand back differently) and dates as ISO
 * strings. For documents with nested optional fields (triage, results, licences, time off).
 */
export function definedOnlyDeep<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
