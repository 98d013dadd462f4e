import { applyDecorators, Body, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { ItemSteps } from '@appliance-care/library-services';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodResponse,
  IdParam,
  ZodValidationPipe,
} from '@appliance-care/platform';

import {
  cataloguingBodySchema,
  emptyBodySchema,
  itemView,
  itemViewSchema,
  reasonBodySchema,
  repairBodySchema,
} from './library.schemas';

/** A technician's step on the item whose open task they hold (a librarian may act for them). */
function TechnicianStep(step: string, summary: string, body: z.ZodType, example: unknown): MethodDecorator {
  return applyDecorators(
    Post(`:id/${step}`),
    HttpCode(200),
    Roles('library-technician', 'librarian'),
    ApiOperation({ summary }),
    ApiZodBody(body, { example }),
    ApiZodResponse(itemViewSchema, { description: 'the item after the step' }),
    ApiProblems(
      [403, "the role may not do this, or the technician held one of the item's tasks but not the open one"],
      [404, 'no such item, or one this technician never held a task of'],
      [409, "the item's status does not allow it (currentState)"],
    ),
  );
}

/** A librarian's decision on an original record. */
function LibrarianStep(step: string, summary: string, body: z.ZodType, example: unknown): MethodDecorator {
  return applyDecorators(
    Post(`:id/${step}`),
    HttpCode(200),
    Roles('librarian'),
    ApiOperation({ summary }),
    ApiZodBody(body, { example }),
    ApiZodResponse(itemViewSchema, { description: 'the item after the decision' }),
    ApiProblems([404, 'no such item'], [409, 'the item does not await approval (currentState)']),
  );
}

const RECORD_EXAMPLE = {
  record: { callNumber: '853.914 ECO', subjects: ['Monasteries -- Fiction'], sourceRecordId: 'ocm12345678' },
};

@ApiController('items')
export class ItemStepsController {
  constructor(private readonly steps: ItemSteps) {}

  @TechnicianStep(
    'cataloguing',
    'The record: copy cataloguing completes it (processing next), an original one goes to a librarian for approval',
    cataloguingBodySchema,
    RECORD_EXAMPLE,
  )
  async catalogue(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(cataloguingBodySchema)) body: z.infer<typeof cataloguingBodySchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return itemView(await this.steps.catalogue(id, principal, body.record));
  }

  @LibrarianStep(
    'cataloguing/approve',
    'A librarian approves the original record: catalogued, physical processing requested',
    emptyBodySchema,
    {},
  )
  async approve(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
    @CurrentPrincipal() principal: Principal,
  ) {
    return itemView(await this.steps.approve(id, principal));
  }

  @LibrarianStep(
    'cataloguing/return',
    'A librarian sends the original record back with the reason: a new cataloguing task',
    reasonBodySchema,
    { reason: 'subject headings missing' },
  )
  async returnRecord(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(reasonBodySchema)) body: z.infer<typeof reasonBodySchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return itemView(await this.steps.returnRecord(id, principal, body.reason));
  }

  @TechnicianStep(
    'processing/complete',
    'Labels and covers done: shelf-ready, its holds to be filled oldest first',
    emptyBodySchema,
    {},
  )
  async processed(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
    @CurrentPrincipal() principal: Principal,
  ) {
    return itemView(await this.steps.completeProcessing(id, principal));
  }

  @TechnicianStep('repair/complete', 'Repaired in house: back in circulation', repairBodySchema, {
    notes: 'rebacked with linen',
  })
  async repaired(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(repairBodySchema)) body: z.infer<typeof repairBodySchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return itemView(await this.steps.completeRepair(id, principal, body?.notes));
  }
}
