import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@appliance-care/auth';

/** Shows the caller how the service sees their token (roles, customer or technician id). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/whoami')
export class WhoAmIController {
  @Get()
  whoami(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
