import { Get } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';

import { CurrentPrincipal, Principal } from '@appliance-care/auth';
import { ApiProblems, ApiZodResponse, IdParam } from '@appliance-care/platform';
import { projectAppliances, TimelineRepository } from '@appliance-care/portal';

import { assertMayRead, PortalReadController } from './portal-read';
import { CustomerAppliances, customerAppliancesSchema } from './portal.schemas';

@PortalReadController('customers')
export class CustomersController {
  constructor(private readonly timeline: TimelineRepository) {}

  @Get(':id/appliances')
  @ApiOperation({ summary: "A customer's appliances with each one's current status (customers: their own)" })
  @ApiParam({ name: 'id', description: 'customerId' })
  @ApiZodResponse(customerAppliancesSchema, { description: "the customer's appliances (none yet: an empty list)" })
  @ApiProblems([404, 'another customer'])
  async appliancesOf(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id') customerId: string,
  ): Promise<CustomerAppliances> {
    assertMayRead(principal, customerId, 'customer', customerId);
    return { customerId, items: projectAppliances(await this.timeline.forCustomer(customerId)) };
  }
}
