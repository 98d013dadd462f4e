import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { canAccessCustomer, CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { projectAppliances, TimelineRepository } from '@appliance-care/portal';
import { ForbiddenError, ZodValidationPipe } from '@appliance-care/platform';
import { idParam } from './id.param';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/v1/customers')
export class CustomersController {
  constructor(private readonly timeline: TimelineRepository) {}

  @Get(':id/appliances')
  @Roles('customer', 'dispatcher', 'admin')
  @ApiOperation({ summary: "A customer's appliances with each one's current status (customers: their own)" })
  @ApiParam({ name: 'id', description: 'customerId' })
  async appliancesOf(@CurrentPrincipal() principal: Principal, @Param('id', new ZodValidationPipe(idParam, 'id')) customerId: string) {
    if (!canAccessCustomer(principal, customerId)) throw new ForbiddenError('customers see only their own appliances');
    return { customerId, items: projectAppliances(await this.timeline.forCustomer(customerId)) };
  }
}
