import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { z } from 'zod';

import { Roles } from '@appliance-care/auth';
import { Catalogue, catalogueItemSchema } from '@appliance-care/parts';
import {
  ApiController,
  ApiProblems,
  ApiZodQuery,
  ApiZodResponse,
  NotFoundError,
  ZodValidationPipe,
} from '@appliance-care/platform';

import { catalogueListSchema, catalogueQuerySchema } from './parts.schemas';

@ApiController('catalogue')
@Roles('technician', 'dispatcher')
export class CatalogueController {
  constructor(private readonly catalogue: Catalogue) {}

  @Get()
  @ApiOperation({ summary: 'The parts catalogue: sku, name, unit cost and price, what each fits' })
  @ApiZodQuery(catalogueQuerySchema)
  @ApiZodResponse(catalogueListSchema, { description: 'the parts that fit the filter' })
  list(@Query(new ZodValidationPipe(catalogueQuerySchema, 'query')) query: z.infer<typeof catalogueQuerySchema>) {
    return { items: this.catalogue.items(query) };
  }

  @Get(':sku')
  @ApiOperation({ summary: 'One part of the catalogue' })
  @ApiParam({ name: 'sku' })
  @ApiZodResponse(catalogueItemSchema, { description: 'the part' })
  @ApiProblems([404, 'no such part in the catalogue'])
  one(@Param('sku', new ZodValidationPipe(z.string().min(1).max(64), 'sku')) sku: string) {
    const item = this.catalogue.find(sku);
    if (!item) throw new NotFoundError('catalogue part', sku);
    return item;
  }
}
