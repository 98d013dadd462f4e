import { randomUUID } from 'node:crypto';
import { Body, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { stockLocationSchema } from '@appliance-care/contracts';
import { ReceiveStock, StockQueries } from '@appliance-care/parts';
import { ApiController, ApiProblems, ApiZodBody, ApiZodResponse, ZodValidationPipe } from '@appliance-care/platform';

import { receiptBodySchema, receiptViewSchema, stockViewSchema } from './parts.schemas';

@ApiController('stock')
export class StockController {
  constructor(
    private readonly queries: StockQueries,
    private readonly receiving: ReceiveStock,
  ) {}

  @Get(':location')
  @Roles('technician', 'dispatcher')
  @ApiOperation({ summary: "A depot's or a van's stock (technicians: their own van, van:<technicianId>)" })
  @ApiParam({ name: 'location', description: 'depot:<region> or van:<technicianId>' })
  @ApiZodResponse(stockViewSchema, { description: 'each sku kept there: available and reserved units' })
  @ApiProblems([404, "nothing is stocked there, or (for a technician) it is not the caller's own van"])
  async atLocation(
    @Param('location', new ZodValidationPipe(stockLocationSchema, 'location')) location: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return { location, items: await this.queries.atLocation(location, principal) };
  }

  @Post('receipts')
  @Roles('dispatcher')
  @ApiOperation({
    summary:
      'Stock arrived at a depot or van (as parts.received.v1 from a warehouse): counted in once per receipt id, then fills the waiting reservations oldest first',
  })
  @ApiZodBody(receiptBodySchema, {
    example: { receiptId: 'GRN-2027-0042', location: 'depot:london', lines: [{ sku: 'WM-DP-30W', quantity: 4 }] },
  })
  @ApiZodResponse(receiptViewSchema, { status: 201, description: 'the receipt and the tickets it filled' })
  @ApiProblems([404, 'a sku the catalogue does not list'])
  receive(@Body(new ZodValidationPipe(receiptBodySchema)) body: z.infer<typeof receiptBodySchema>) {
    return this.receiving.receive({ ...body, receiptId: body.receiptId ?? `RCPT-${randomUUID()}` });
  }
}
