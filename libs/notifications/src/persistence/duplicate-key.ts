/** True when every failure of a write is a duplicate key (E11000): the document is there already. */
export function duplicateKeyOnly(err: unknown): boolean {
  const e = err as { code?: number; writeErrors?: { code?: number; err?: { code?: number } }[] };
  if (e.code === 11000 && !e.writeErrors) return true;
  const writeErrors = e.writeErrors ?? [];
  return writeErrors.length > 0 && writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
}
