import { randomUUID } from 'node:crypto';
import { Body, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { Binding, LibraryQueries } from '@appliance-care/library-services';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodResponse,
  IdParam,
  ZodValidationPipe,
} from '@appliance-care/platform';

import { emptyBodySchema, shipmentBodySchema, shipmentView, shipmentViewSchema } from './library.schemas';

/** Volumes gathered into bindery shipments with a slip; sent, then returned. */
@ApiController('binding', { path: 'binding/shipments' })
export class BindingController {
  constructor(
    private readonly binding: Binding,
    private readonly queries: LibraryQueries,
  ) {}

  @Post()
  @Roles('librarian', 'library-technician')
  @ApiOperation({
    summary:
      'Items awaiting binding leave for the bindery with a slip (sent once per shipment id); they are at the bindery until it returns',
  })
  @ApiZodBody(shipmentBodySchema, {
    example: {
      shipmentId: 'BIND-2027-07',
      bindery: 'Riverside Bindery Ltd',
      items: [{ itemId: 'VOL-NATURE-2026-1', instructions: 'buckram, dark green, gold lettering' }],
    },
  })
  @ApiZodResponse(shipmentViewSchema, { status: 201, description: 'the shipment and its slip' })
  @ApiProblems([409, 'an item is unknown, not awaiting binding, or in another shipment (named in the detail)'])
  async send(
    @Body(new ZodValidationPipe(shipmentBodySchema)) body: z.infer<typeof shipmentBodySchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const shipmentId = body.shipmentId ?? `BIND-${randomUUID()}`;
    return shipmentView(await this.binding.send({ ...body, shipmentId }, principal));
  }

  @Get(':id')
  @Roles('librarian', 'library-technician')
  @ApiOperation({ summary: 'A shipment with its slip' })
  @ApiZodResponse(shipmentViewSchema, { description: 'the shipment' })
  @ApiProblems([404, 'no such shipment'])
  async one(@IdParam('id') id: string) {
    return shipmentView(await this.queries.shipment(id));
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles('librarian', 'library-technician')
  @ApiOperation({ summary: 'The bound volumes came back: the items are available again' })
  @ApiZodBody(emptyBodySchema, { example: {} })
  @ApiZodResponse(shipmentViewSchema, { description: 'the shipment, returned' })
  @ApiProblems([404, 'no such shipment'], [409, 'the shipment was returned before (currentState)'])
  async returned(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
    @CurrentPrincipal() principal: Principal,
  ) {
    return shipmentView(await this.binding.returned(id, principal));
  }
}
