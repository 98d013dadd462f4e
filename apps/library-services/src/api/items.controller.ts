import { Body, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Response } from 'express';
import { z } from 'zod';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { Circulation, LibraryQueries, RegisterItem } from '@appliance-care/library-services';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  IdParam,
  ZodValidationPipe,
} from '@appliance-care/platform';

import {
  damageBodySchema,
  holdBodySchema,
  holdViewSchema,
  itemBodySchema,
  itemListSchema,
  itemsQuerySchema,
  itemView,
  itemViewSchema,
  triageBodySchema,
} from './library.schemas';

const ITEM_EXAMPLE = {
  itemId: 'ITEM-2027-0001',
  barcode: '39001000123456',
  title: 'The Name of the Rose',
  format: 'book',
  branch: 'central',
  cataloguing: 'copy',
};

/** Library items: received into technical services, read by staff, held by patrons, reported damaged and triaged. */
@ApiController('items')
export class ItemsController {
  constructor(
    private readonly registering: RegisterItem,
    private readonly queries: LibraryQueries,
    private readonly circulation: Circulation,
  ) {}

  @Post()
  @Roles('librarian', 'library-technician')
  @ApiOperation({
    summary:
      'An item acquisitions received (as library.item.received.v1): registered once per item id, its cataloguing task requested',
  })
  @ApiZodBody(itemBodySchema, { example: ITEM_EXAMPLE })
  @ApiZodResponse(itemViewSchema, { status: 201, description: 'the item registered (200: it was already)' })
  @ApiProblems([409, 'the barcode belongs to another item, or the item id was registered with another barcode'])
  async register(
    @Body(new ZodValidationPipe(itemBodySchema)) body: z.infer<typeof itemBodySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const receipt = { ...body, receivedAt: body.receivedAt ?? new Date().toISOString() };
    const { item, created } = await this.registering.received(receipt, 'staff');
    if (!created) res.status(200);
    return itemView(item);
  }

  @Get()
  @Roles('librarian', 'library-technician')
  @ApiOperation({ summary: 'Items by status and branch, oldest registration first' })
  @ApiZodQuery(itemsQuerySchema)
  @ApiZodResponse(itemListSchema, { description: 'the items found' })
  async list(@Query(new ZodValidationPipe(itemsQuerySchema, 'query')) query: z.infer<typeof itemsQuerySchema>) {
    return { items: (await this.queries.list(query)).map(itemView) };
  }

  @Get(':id')
  @Roles('librarian', 'library-technician')
  @ApiOperation({ summary: 'An item with its status, record, open task and holds' })
  @ApiZodResponse(itemViewSchema, { description: 'the item' })
  @ApiProblems([404, 'no such item'])
  async one(@IdParam('id') id: string) {
    return itemView(await this.queries.item(id));
  }

  @Post(':id/holds')
  @Roles('patron')
  @ApiOperation({
    summary: 'The patron (from the token) holds an item still in processing; told when it is shelf-ready',
  })
  @ApiZodBody(holdBodySchema, { example: { name: 'Ada Lovelace', email: 'ada@example.org', locale: 'en-GB' } })
  @ApiZodResponse(holdViewSchema, { status: 201, description: 'the hold (200: the patron held the item already)' })
  @ApiProblems([404, 'no such item'], [409, 'the item is not in processing (currentState)'])
  async hold(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(holdBodySchema)) body: z.infer<typeof holdBodySchema>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { item, hold, placed } = await this.circulation.placeHold(id, principal, body);
    if (!placed) res.status(200);
    return { ...hold, itemId: item.itemId, title: item.title, branch: item.branch, itemStatus: item.status };
  }

  @Post(':id/damage')
  @HttpCode(200)
  @Roles('librarian', 'library-technician')
  @ApiOperation({ summary: 'Circulation found the item damaged: off the shelf until a librarian triages it' })
  @ApiZodBody(damageBodySchema, { example: { damage: 'spine split, pages 40-60 loose' } })
  @ApiZodResponse(itemViewSchema, { description: 'the item, damaged' })
  @ApiProblems([404, 'no such item'], [409, 'the item is not available on the shelf (currentState)'])
  async damage(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(damageBodySchema)) body: z.infer<typeof damageBodySchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return itemView(await this.circulation.reportDamage(id, principal, body.damage));
  }

  @Post(':id/triage')
  @HttpCode(200)
  @Roles('librarian')
  @ApiOperation({ summary: 'A librarian decides: repair in house, send to binding, or withdraw' })
  @ApiZodBody(triageBodySchema, { example: { decision: 'repair', reason: 'a sound text block, a new spine will do' } })
  @ApiZodResponse(itemViewSchema, { description: 'the item after triage' })
  @ApiProblems([404, 'no such item'], [409, 'the item is not damaged (currentState)'])
  async triage(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(triageBodySchema)) body: z.infer<typeof triageBodySchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return itemView(await this.circulation.triage(id, principal, body.decision, body.reason));
  }
}
