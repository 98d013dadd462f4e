import { canAccessCustomer, canAccessTechnician, hasRole, Principal } from '@appliance-care/auth';
import { ForbiddenError, NotFoundError } from '@appliance-care/platform';

/** The recipient id a customer or technician acts as (their own); staff have none. */
export const ownRecipientId = (principal: Principal): string | undefined =>
  hasRole(principal, 'customer')
    ? principal.customerId
    : hasRole(principal, 'technician')
      ? principal.technicianId
      : undefined;

/** Who may read a recipient and their notifications: the person themselves, or staff. */
const maySee = (principal: Principal, recipientId: string): boolean =>
  canAccessCustomer(principal, recipientId) || canAccessTechnician(principal, recipientId);

/** A recipient in the path (recipients/{id}, its feed): someone else is answered as absent (404), so ids cannot be probed. */
export function assertMaySee(principal: Principal, recipientId: string): void {
  if (!maySee(principal, recipientId)) throw new NotFoundError('recipient', recipientId);
}

/** A list filtered by a recipient (notifications?recipientId=): someone else's id is refused (403). */
export function assertMayFilterBy(principal: Principal, recipientId: string): void {
  if (!maySee(principal, recipientId)) {
    throw new ForbiddenError(
      `you may only read your own notifications (${ownRecipientId(principal) ?? 'none'}), not ${recipientId}`,
    );
  }
}

/**
 * Changing preferences: the person themselves, or an admin. Whoever may not even see the recipient
 * gets 404; staff who may see but not change them get 403 (the role guard refuses dispatchers first).
 */
export function assertMayConfigure(principal: Principal, recipientId: string): void {
  const self =
    (hasRole(principal, 'customer') && principal.customerId === recipientId) ||
    (hasRole(principal, 'technician') && principal.technicianId === recipientId);
  if (self || hasRole(principal, 'admin')) return;
  assertMaySee(principal, recipientId);
  throw new ForbiddenError('only the recipient themselves or an admin may change these preferences');
}
