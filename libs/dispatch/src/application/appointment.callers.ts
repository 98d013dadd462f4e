import { canAccessCustomer, hasRole, InvalidLinkError, LinkClaims, Principal } from '@appliance-care/auth';
import { BusinessRuleError, NotFoundError } from '@appliance-care/platform';

import { linkRefusal } from '../domain/appointment-link.policy';
import { AppointmentChange } from '../domain/work-order.state';
import { WorkOrderDocument } from '../persistence/work-order.schema';

/**
 * Who acts on an appointment, through what, and what admits them to the order. `admit` runs on
 * every fresh copy the use case reads, before the order's state is looked at: someone else's order
 * is absent (404), a link sent for an appointment that changed since is stale (409).
 */
export interface AppointmentCaller {
  by: AppointmentChange['by'];
  via: AppointmentChange['via'];
  admit(order: WorkOrderDocument | null, workOrderId: string): WorkOrderDocument;
}

/** A signed-in caller: the customer whose order it is, or staff (who act as dispatcher or admin). */
export function apiCaller(principal: Principal): AppointmentCaller {
  const by = hasRole(principal, 'admin') ? 'admin' : hasRole(principal, 'dispatcher') ? 'dispatcher' : 'customer';
  return {
    by,
    via: 'api',
    admit: (order, workOrderId) => {
      if (!order || !canAccessCustomer(principal, order.customerId)) throw new NotFoundError('work order', workOrderId);
      return order;
    },
  };
}

/** A refused link, said to its holder: 404 not valid (forged, another purpose, another customer's), 410 expired. */
export function linkError(err: InvalidLinkError): BusinessRuleError {
  if (err.reason === 'expired') return new BusinessRuleError('link-expired', err.message, undefined, 410);
  if (err.reason === 'stale' || err.reason === 'used') return new BusinessRuleError(`link-${err.reason}`, err.message);
  return new BusinessRuleError('link-invalid', new InvalidLinkError('invalid').message, undefined, 404);
}

/** The customer holding a genuine appointment link: admitted to the order it names while it is as it was sent. */
export function linkCaller(claims: LinkClaims): AppointmentCaller {
  return {
    by: 'customer',
    via: 'link',
    admit: (order) => {
      const refusal = order ? linkRefusal(order, claims) : 'invalid';
      if (refusal === 'stale')
        throw new BusinessRuleError('link-stale', new InvalidLinkError('stale').message, {
          currentState: order?.status,
        });
      if (refusal || !order) throw linkError(new InvalidLinkError('invalid'));
      return order;
    },
  };
}
