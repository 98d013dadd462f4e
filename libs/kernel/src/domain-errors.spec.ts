import {
  BusinessRuleError,
  DomainError,
  ForbiddenError,
  InvalidTransitionError,
  isDomainError,
  NotFoundError,
  ValidationFailedError,
} from './domain-errors';

describe('domain errors', () => {
  it('carry the status REST answers with and the code the DLQ records', () => {
    const errors: DomainError[] = [
      new ValidationFailedError('bad body', [{ field: 'orderId', message: 'required' }]),
      new ForbiddenError(),
      new NotFoundError('ticket', 'T-1'),
      new InvalidTransitionError('ticket', 'T-1', 'closed', 'start'),
      new BusinessRuleError('duplicate-serial', 'serial already registered'),
      new BusinessRuleError('outside-window', 'too late', undefined, 422),
    ];
    expect(errors.map((err) => [err.name, err.status, err.code])).toEqual([
      ['ValidationFailedError', 400, 'validation-failed'],
      ['ForbiddenError', 403, 'forbidden'],
      ['NotFoundError', 404, 'not-found'],
      ['InvalidTransitionError', 409, 'invalid-transition'],
      ['BusinessRuleError', 409, 'duplicate-serial'],
      ['BusinessRuleError', 422, 'outside-window'],
    ]);
    expect(errors.every(isDomainError)).toBe(true);
  });

  it('name the verb and the state a transition was refused in', () => {
    const err = new InvalidTransitionError('ticket', 'T-1', 'closed', 'start');
    expect(err.message).toBe('ticket T-1 is closed; it cannot start');
    expect(err.details).toEqual({ currentState: 'closed' });
  });

  it('tell a domain error from any other error', () => {
    expect(isDomainError(new Error('boom'))).toBe(false);
    expect(isDomainError('not-found')).toBe(false);
  });
});
