import { EnvelopeError } from '@appliance-care/contracts';
import { isDomainError } from '@appliance-care/platform';

/** A message no retry can fix: it goes to the DLQ with this code and message. */
export class PoisonMessageError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

/** Poison (to the DLQ) or transient (retried with backoff, never skipped). */
export function classify(err: unknown): { poison: boolean; code: string; message: string } {
  if (err instanceof PoisonMessageError) return { poison: true, code: err.code, message: err.message };
  if (err instanceof EnvelopeError) return { poison: true, code: err.code, message: err.message };
  if (isDomainError(err)) return { poison: true, code: err.code, message: err.message };
  const e = err as Error;
  return { poison: false, code: 'transient', message: e?.message ?? String(err) };
}
