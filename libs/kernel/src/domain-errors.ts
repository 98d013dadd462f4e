/**
 * Errors the domain raises. Plain classes (no Nest): REST maps them to problem+json by `status`,
 * the Kafka consumer sends the message to the DLQ with `code` (a retry cannot fix them).
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that breaks a schema: 400, naming the field. */
export class ValidationFailedError extends DomainError {
  readonly status = 400;
  constructor(
    message: string,
    readonly errors: { field: string; message: string }[] = [],
  ) {
    super('validation-failed', message, { errors });
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(what: string, id: string) {
    super('not-found', `${what} ${id} was not found`);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  constructor(message = 'you may not access this resource') {
    super('forbidden', message);
  }
}

/** A transition the current state does not allow: 409 with the current state. */
export class InvalidTransitionError extends DomainError {
  readonly status = 409;
  constructor(
    entity: string,
    id: string,
    readonly currentState: string,
    action: string,
  ) {
    super('invalid-transition', `${entity} ${id} is ${currentState}; it cannot ${action}`, { currentState });
  }
}

/** A business rule that a retry cannot fix (duplicate serial, unknown appliance …). */
export class BusinessRuleError extends DomainError {
  readonly status: number;
  constructor(code: string, message: string, details?: Record<string, unknown>, status = 409) {
    super(code, message, details);
    this.status = status;
  }
}

export const isDomainError = (err: unknown): err is DomainError => err instanceof DomainError;
