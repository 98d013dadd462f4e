import { canAccessCustomer, canAccessTechnician, hasRole, isStaff, Principal } from '@appliance-care/auth';
import { ForbiddenError } from '@appliance-care/platform';

/** The recipient id a customer or technician acts as (their own); staff have none. */
export const ownRecipientId = (p: Principal): string | undefined =>
  hasRole(p, 'customer') ? p.customerId : hasRole(p, 'technician') ? p.technicianId : undefined;

/** Reading a recipient's notifications: the person themselves, or staff. */
export function assertMayRead(p: Principal, recipientId: string): void {
  if (!canAccessCustomer(p, recipientId) && !canAccessTechnician(p, recipientId)) {
    throw new ForbiddenError(`you may only read your own notifications (${ownRecipientId(p) ?? 'none'}), not ${recipientId}`);
  }
}

/** Changing preferences: the person themselves, or an admin. */
export function assertMayConfigure(p: Principal, recipientId: string): void {
  const self = (hasRole(p, 'customer') && p.customerId === recipientId) || (hasRole(p, 'technician') && p.technicianId === recipientId);
  if (!self && !hasRole(p, 'admin')) throw new ForbiddenError('only the recipient themselves or an admin may change these preferences');
}

export { isStaff };
