import { canAccessCustomer, canAccessTechnician, hasRole, isStaff, Principal } from '@appliance-care/auth';
import { ForbiddenError, NotFoundError } from '@appliance-care/platform';

/** The recipient id a customer or technician acts as (their own); staff have none. */
export const ownRecipientId = (p: Principal): string | undefined =>
  hasRole(p, 'customer') ? p.customerId : hasRole(p, 'technician') ? p.technicianId : undefined;

/** Who may read a recipient and their notifications: the person themselves, or staff. */
export const maySee = (p: Principal, recipientId: string): boolean =>
  canAccessCustomer(p, recipientId) || canAccessTechnician(p, recipientId);

/** A recipient in the path (recipients/{id}, its feed): someone else is answered as absent (404), so ids cannot be probed. */
export function assertMaySee(p: Principal, recipientId: string): void {
  if (!maySee(p, recipientId)) throw new NotFoundError('recipient', recipientId);
}

/** A list filtered by a recipient (notifications?recipientId=): someone else's id is refused (403). */
export function assertMayFilterBy(p: Principal, recipientId: string): void {
  if (!maySee(p, recipientId)) {
    throw new ForbiddenError(
      `you may only read your own notifications (${ownRecipientId(p) ?? 'none'}), not ${recipientId}`,
    );
  }
}

/**
 * Changing preferences: the person themselves, or an admin. Whoever may not even see the recipient
 * gets 404; staff who may see but not change them get 403 (the role guard refuses dispatchers first).
 */
export function assertMayConfigure(p: Principal, recipientId: string): void {
  const self =
    (hasRole(p, 'customer') && p.customerId === recipientId) ||
    (hasRole(p, 'technician') && p.technicianId === recipientId);
  if (self || hasRole(p, 'admin')) return;
  assertMaySee(p, recipientId);
  throw new ForbiddenError('only the recipient themselves or an admin may change these preferences');
}

export { isStaff };
