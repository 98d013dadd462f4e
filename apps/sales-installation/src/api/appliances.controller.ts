import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { canAccessCustomer, CurrentPrincipal, hasRole, isStaff, Principal, Roles } from '@appliance-care/auth';
import {
  ApiController,
  ApiProblems,
  ApiZodQuery,
  ApiZodResponse,
  ForbiddenError,
  IdParam,
  NotFoundError,
  ValidationFailedError,
  ZodValidationPipe,
} from '@appliance-care/platform';
import {
  applianceListSchema,
  applianceView,
  applianceViewSchema,
  SalesQueries,
} from '@appliance-care/sales-installation';

const listQuery = z.strictObject({
  serialNumber: z.string().min(1).max(64).optional(),
  customerId: z.string().min(1).max(128).optional(),
});

@ApiController('appliances')
@Roles('customer', 'technician', 'dispatcher', 'sales-system')
export class AppliancesController {
  constructor(private readonly queries: SalesQueries) {}

  @Get(':applianceId')
  @ApiOperation({ summary: 'An appliance with its warranty (a customer sees only their own)' })
  @ApiZodResponse(applianceViewSchema, { description: 'the appliance' })
  @ApiProblems([404, "no such appliance, or another customer's"])
  async get(@IdParam('applianceId') id: string, @CurrentPrincipal() principal: Principal) {
    const doc = await this.queries.appliance(id);
    if (hasRole(principal, 'customer') && !isStaff(principal) && !canAccessCustomer(principal, doc.customerId))
      throw new NotFoundError('appliance', id);
    return applianceView(doc);
  }

  @Get()
  @ApiOperation({ summary: 'Appliances by serial number and/or customer (a customer: only their own)' })
  @ApiZodQuery(listQuery)
  @ApiZodResponse(applianceListSchema, { description: 'the appliances found (at most 200)' })
  async list(
    @Query(new ZodValidationPipe(listQuery, 'query')) query: z.infer<typeof listQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const filter = { ...query };
    if (hasRole(principal, 'customer') && !isStaff(principal)) {
      if (filter.customerId && !canAccessCustomer(principal, filter.customerId))
        throw new ForbiddenError('a customer may list only their own appliances');
      filter.customerId = principal.customerId;
      if (!filter.customerId) throw new ForbiddenError('the token carries no customerId');
    }
    if (!filter.serialNumber && !filter.customerId) {
      throw new ValidationFailedError('give serialNumber or customerId', [
        { field: 'serialNumber', message: 'serialNumber or customerId is required' },
      ]);
    }
    const items = await this.queries.findAppliances(filter);
    return { items: items.map((doc) => applianceView(doc)) };
  }
}
