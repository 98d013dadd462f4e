import { EnvelopeError } from '@appliance-care/contracts';
import { isDomainError } from '@appliance-care/platform';

/** A message no retry can fix: it goes to the DLQ with this code and message. */
export class PoisonMessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

export interface Classification {
  poison: boolean;
  code: string;
  message: string;
}

/**
 * Errors a retry cannot cure because the code or the data is wrong, not the world: a TypeError on an
 * unexpected shape, a name that does not exist, a document the schema refuses (schema drift).
 */
const PROGRAMMING_ERRORS: Record<string, string> = {
  TypeError: 'programming-error',
  ReferenceError: 'programming-error',
  SyntaxError: 'programming-error',
  RangeError: 'programming-error',
  ValidationError: 'schema-drift', // mongoose: the document does not satisfy its schema
  CastError: 'schema-drift',
  StrictModeError: 'schema-drift',
  ZodError: 'schema-drift',
};

/** Poison (to the DLQ) or transient (retried with backoff, never skipped). */
export function classify(err: unknown): Classification {
  if (err instanceof PoisonMessageError) return { poison: true, code: err.code, message: err.message };
  if (err instanceof EnvelopeError) return { poison: true, code: err.code, message: err.message };
  if (isDomainError(err)) return { poison: true, code: err.code, message: err.message };
  const failure = err as Error | undefined;
  const programming = failure?.name ? PROGRAMMING_ERRORS[failure.name] : undefined;
  if (programming && !isMongoDriverError(failure))
    return { poison: true, code: programming, message: `${failure?.name}: ${failure?.message}` };
  return { poison: false, code: 'transient', message: failure?.message ?? String(err) };
}

/** The driver's own errors (a network blip, a timeout) stay transient whatever their name. */
function isMongoDriverError(failure: Error | undefined): boolean {
  return !!failure && /^Mongo/.test(failure.constructor?.name ?? '');
}
