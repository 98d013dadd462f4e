import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import { canAccessCustomer, CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { ApiProblems, ApiZodResponse, NotFoundError, ZodValidationPipe } from '@appliance-care/platform';
import { projectAppliances, TimelineRepository } from '@appliance-care/portal';

import { idParam } from './id.param';
import { CustomerAppliances, customerAppliancesSchema } from './portal.schemas';

@ApiTags('customers')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller('api/v1/customers')
export class CustomersController {
  constructor(private readonly timeline: TimelineRepository) {}

  @Get(':id/appliances')
  @Roles('customer', 'dispatcher', 'admin')
  @ApiOperation({ summary: "A customer's appliances with each one's current status (customers: their own)" })
  @ApiParam({ name: 'id', description: 'customerId' })
  @ApiZodResponse(customerAppliancesSchema, { description: "the customer's appliances (none yet: an empty list)" })
  @ApiProblems([404, 'another customer'])
  async appliancesOf(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ZodValidationPipe(idParam, 'id')) customerId: string,
  ): Promise<CustomerAppliances> {
    // another customer is answered as absent, so customer ids cannot be probed
    if (!canAccessCustomer(principal, customerId)) throw new NotFoundError('customer', customerId);
    return { customerId, items: projectAppliances(await this.timeline.forCustomer(customerId)) };
  }
}
