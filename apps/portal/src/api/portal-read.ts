import { applyDecorators } from '@nestjs/common';

import { canAccessCustomer, Principal, Roles } from '@appliance-care/auth';
import { ApiController, NotFoundError } from '@appliance-care/platform';

/**
 * What every portal controller is: read-only views under api/v1/<path> for a customer (their own)
 * and staff, with a bearer JWT.
 */
export const PortalReadController = (path: string) =>
  applyDecorators(ApiController(path), Roles('customer', 'dispatcher', 'admin'));

/** Another customer's thing in the path is answered as absent (404), so ids cannot be probed. */
export function assertMayRead(principal: Principal, ownerId: string | undefined, what: string, id: string): void {
  if (!canAccessCustomer(principal, ownerId)) throw new NotFoundError(what, id);
}
