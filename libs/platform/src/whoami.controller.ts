import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, Principal, ROLES } from '@appliance-care/auth';

import { ApiController } from './api-controller';
import { ApiProblems, ApiZodResponse } from './openapi';

/** The caller as the service sees them (the verified token's claims). */
const principalSchema = z.object({
  sub: z.string(),
  roles: z.array(z.enum(ROLES)),
  customerId: z.string().optional(),
  technicianId: z.string().optional(),
}) satisfies z.ZodType<Principal>;

/** Shows the caller how the service sees their token (roles, customer or technician id). */
@ApiController('auth', { path: 'whoami', problems: [] })
export class WhoAmIController {
  @Get()
  @ApiOperation({ summary: 'How the service sees the bearer token: subject, roles, customer or technician id' })
  @ApiZodResponse(principalSchema, { description: "the verified token's principal" })
  @ApiProblems(400, 401, 429)
  whoami(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
