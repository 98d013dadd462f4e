import { randomUUID } from 'node:crypto';
import { Body, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { SerialQueries, SerialSubscriptions } from '@appliance-care/library-services';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  IdParam,
  parseOrThrow,
  ZodValidationPipe,
} from '@appliance-care/platform';

import {
  branchQuery,
  checkedInSchema,
  checkInBody,
  CheckInBody,
  issuePosition,
  startedSubscriptionSchema,
  startSubscriptionBody,
  StartSubscriptionBody,
  startSubscriptionExample,
  subscriptionDetailSchema,
  subscriptionListSchema,
} from './serials.schemas';

@ApiController('serials', { path: 'subscriptions' })
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SerialSubscriptions,
    private readonly queries: SerialQueries,
  ) {}

  @Post()
  @Roles('librarian')
  @ApiOperation({
    summary:
      'Start a serial subscription with its publication pattern (library.subscription.started.v1); once per subscription id',
  })
  @ApiZodBody(startSubscriptionBody, { example: startSubscriptionExample })
  @ApiZodResponse(startedSubscriptionSchema, { status: 201, description: 'started, with its predicted issues' })
  @ApiZodResponse(startedSubscriptionSchema, { description: 'started before with the same terms: the subscription' })
  @ApiProblems([409, 'a subscription with this id exists with other terms'])
  async start(
    @Body(new ZodValidationPipe(startSubscriptionBody)) body: StartSubscriptionBody,
    @Res({ passthrough: true }) res: Response,
  ) {
    const subscriptionId = body.subscriptionId ?? `SUB-${randomUUID()}`;
    const { started } = await this.subscriptions.start({ ...body, subscriptionId });
    res.status(started ? 201 : 200).location(`/api/v1/subscriptions/${subscriptionId}`);
    return { ...(await this.queries.one(subscriptionId)), started };
  }

  @Get()
  @Roles('librarian', 'library-technician')
  @ApiOperation({ summary: 'The serial subscriptions, by title (of one branch when asked)' })
  @ApiZodQuery(branchQuery)
  @ApiZodResponse(subscriptionListSchema, { description: 'the subscriptions' })
  async list(@Query() query: Record<string, string>) {
    const { branch } = parseOrThrow(branchQuery, query, 'query');
    return { subscriptions: await this.queries.list(branch) };
  }

  @Get(':id')
  @Roles('librarian', 'library-technician')
  @ApiOperation({ summary: 'A subscription with its predicted issues: expected, received, late or claimed' })
  @ApiParam({ name: 'id' })
  @ApiZodResponse(subscriptionDetailSchema, { description: 'the subscription' })
  @ApiProblems([404, 'no such subscription'])
  one(@IdParam('id') id: string) {
    return this.queries.one(id);
  }

  @Post(':id/issues/:volume/:number/check-in')
  @HttpCode(200)
  @Roles('librarian', 'library-technician')
  @ApiOperation({
    summary:
      'Check an issue in as it arrives (library.serial.issue-received.v1); the last of a volume completes it (library.serial.volume-completed.v1)',
  })
  @ApiParam({ name: 'id' })
  @ApiParam({ name: 'volume', schema: { type: 'integer', minimum: 1 } })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiZodBody(checkInBody, { example: { receivedOn: '2027-02-16' }, required: false })
  @ApiZodResponse(checkedInSchema, { description: 'the issue as received' })
  @ApiProblems(
    [404, 'no such subscription, or an issue its pattern does not predict'],
    [409, 'the issue is checked in already'],
  )
  async checkIn(
    @IdParam('id') id: string,
    @Param('volume', new ZodValidationPipe(issuePosition, 'volume')) volume: number,
    @Param('number', new ZodValidationPipe(issuePosition, 'number')) number: number,
    @Body(new ZodValidationPipe(checkInBody)) body: CheckInBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    const checkedInBy = principal.technicianId ?? principal.sub;
    const done = await this.subscriptions.checkIn(id, { volume, number, receivedOn: body.receivedOn, checkedInBy });
    const { receivedAt: _r, lastClaimedAt, ...issue } = done.issue;
    return {
      subscriptionId: id,
      issue: { ...issue, status: 'received', ...(lastClaimedAt ? { lastClaimedAt } : {}) },
      wasClaimed: done.wasClaimed,
      ...(done.completedVolume === undefined ? {} : { completedVolume: done.completedVolume }),
    };
  }
}
