import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, isStaff, Principal, Roles } from '@appliance-care/auth';
import { notificationChannelSchema } from '@appliance-care/contracts';
import { NotificationRepository } from '@appliance-care/notifications';
import {
  ApiController,
  ApiProblems,
  ApiZodQuery,
  ApiZodResponse,
  ForbiddenError,
  ZodValidationPipe,
} from '@appliance-care/platform';

import { NOTIFICATION_STATUSES, notificationListSchema, notificationView } from './notification.view';
import { assertMayFilterBy, ownRecipientId } from './recipient-access';

const querySchema = z.strictObject({
  recipientId: z.string().min(1).max(128).optional(),
  status: z.enum(NOTIFICATION_STATUSES).optional(),
  channel: notificationChannelSchema.optional(),
  eventType: z.string().min(1).max(128).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('created at or after (ISO 8601)'),
  to: z.iso.datetime({ offset: true }).optional().describe('created before (ISO 8601)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

@ApiController('notifications', { problems: [] })
export class NotificationsController {
  constructor(private readonly notifications: NotificationRepository) {}

  @Get()
  @Roles('customer', 'technician', 'dispatcher')
  @ApiOperation({
    summary: 'Notifications by recipient, status, channel, event type and time (customers and technicians: their own)',
  })
  @ApiZodQuery(querySchema)
  @ApiZodResponse(notificationListSchema, { description: 'the notifications found, newest first' })
  @ApiProblems(400, 401, [403, 'the role may not read notifications, or recipientId names someone else'], 429, 503)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(querySchema, 'query')) query: z.infer<typeof querySchema>,
  ) {
    const recipientId = query.recipientId ?? (isStaff(principal) ? undefined : ownRecipientId(principal));
    if (recipientId) assertMayFilterBy(principal, recipientId);
    else if (!isStaff(principal)) throw new ForbiddenError('recipientId is required');
    const items = await this.notifications.query({
      recipientId,
      status: query.status,
      channel: query.channel,
      eventType: query.eventType,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit: query.limit,
    });
    // the recipient's own links are theirs to see; anyone else reads them redacted
    const self = ownRecipientId(principal);
    return { items: items.map((n) => notificationView(n, n.recipientId === self)) };
  }
}
