import { Body, Get, Headers, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import {
  FeedStreams,
  NotificationRepository,
  PreferencesUpdate,
  preferencesUpdateSchema,
  RecipientService,
} from '@appliance-care/notifications';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  IdParam,
  NotFoundError,
  ZodValidationPipe,
} from '@appliance-care/platform';

import { feedEntryView, feedSchema, recipientViewSchema } from './notification.view';
import { assertMayConfigure, assertMaySee, ownRecipientId } from './recipient-access';

const feedQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  stream: z.enum(['sse']).optional(),
});

@ApiController('recipients')
export class RecipientsController {
  constructor(
    private readonly recipients: RecipientService,
    private readonly notifications: NotificationRepository,
    private readonly streams: FeedStreams,
  ) {}

  @Get(':id')
  @Roles('customer', 'technician', 'dispatcher')
  @ApiOperation({ summary: 'A recipient and their preferences (the webhook secret is never returned)' })
  @ApiZodResponse(recipientViewSchema, { description: 'the recipient' })
  @ApiProblems([404, 'no such recipient, or another person'])
  async get(@CurrentPrincipal() principal: Principal, @IdParam('id') recipientId: string) {
    assertMaySee(principal, recipientId);
    const view = await this.recipients.view(recipientId);
    if (!view) throw new NotFoundError('recipient', recipientId);
    return view;
  }

  @Put(':id/preferences')
  @Roles('customer', 'technician')
  @ApiOperation({ summary: 'Replace preferences: channels on/off, quiet hours, webhook URL and (write-only) secret' })
  @ApiZodBody(preferencesUpdateSchema)
  @ApiZodResponse(recipientViewSchema, { description: 'the recipient with the new preferences' })
  @ApiProblems(413, [404, 'another person'])
  async putPreferences(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id') recipientId: string,
    @Body(new ZodValidationPipe(preferencesUpdateSchema)) body: PreferencesUpdate,
  ) {
    assertMayConfigure(principal, recipientId);
    return this.recipients.updatePreferences(recipientId, body);
  }

  @Get(':id/feed')
  @Roles('customer', 'technician', 'dispatcher')
  @ApiOperation({
    summary: 'In-app feed, newest first; as Server-Sent Events with Accept: text/event-stream or ?stream=sse',
  })
  @ApiZodQuery(feedQuerySchema)
  @ApiZodResponse(feedSchema, {
    description:
      'the latest entries; as Server-Sent Events (event: notification, data: an entry) with Accept: text/event-stream or ?stream=sse',
    mediaTypes: {
      'text/event-stream': {
        type: 'string',
        description: 'id: <entry id>, event: notification, data: one entry as JSON; resumes after Last-Event-ID',
      },
    },
  })
  @ApiProblems([404, 'another person'])
  async feed(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id') recipientId: string,
    @Query(new ZodValidationPipe(feedQuerySchema, 'query')) query: z.infer<typeof feedQuerySchema>,
    @Headers('accept') accept: string | undefined,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    assertMaySee(principal, recipientId);
    // the feed's links act for the recipient: staff looking at it see them redacted
    const reveal = ownRecipientId(principal) === recipientId;
    if (query.stream === 'sse' || (accept ?? '').includes('text/event-stream')) {
      await this.stream(recipientId, query.limit, lastEventId, reveal, req, res);
      return;
    }
    const items = await this.notifications.feed(recipientId, { limit: query.limit });
    res.json({ items: items.map((n) => feedEntryView(n, reveal)) });
  }

  /** Server-Sent Events on the open response: FeedStreams writes the frames until the client goes away. */
  private async stream(
    recipientId: string,
    limit: number,
    lastEventId: string | undefined,
    reveal: boolean,
    req: Request,
    res: Response,
  ) {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const closed = new Promise<void>((resolve) => req.on('close', () => resolve()));
    try {
      await this.streams.stream(
        recipientId,
        { limit, lastEventId, view: (n) => feedEntryView(n, reveal) },
        { write: (chunk) => res.write(chunk), closed },
      );
    } finally {
      res.end();
    }
  }
}
