import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { notificationChannelSchema } from '@appliance-care/contracts';
import { NotificationRepository } from '@appliance-care/notifications';
import { ForbiddenError, ZodValidationPipe } from '@appliance-care/platform';
import { assertMayRead, isStaff, ownRecipientId } from './recipient-access';
import { notificationView } from './notification.view';

const querySchema = z.strictObject({
  recipientId: z.string().min(1).max(128).optional(),
  status: z.enum(['pending', 'delayed', 'sent', 'failed', 'suppressed']).optional(),
  channel: notificationChannelSchema.optional(),
  eventType: z.string().min(1).max(128).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationRepository) {}

  @Get()
  @Roles('customer', 'technician', 'dispatcher')
  @ApiOperation({ summary: 'Notifications by recipient, status, channel, event type and time (customers and technicians: their own)' })
  @ApiQuery({ name: 'recipientId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'delayed', 'sent', 'failed', 'suppressed'] })
  @ApiQuery({ name: 'channel', required: false, enum: ['email', 'sms', 'webhook', 'in-app'] })
  @ApiQuery({ name: 'eventType', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'created at or after (ISO 8601)' })
  @ApiQuery({ name: 'to', required: false, description: 'created before (ISO 8601)' })
  @ApiQuery({ name: 'limit', required: false })
  async list(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(querySchema, 'query')) q: z.infer<typeof querySchema>) {
    const recipientId = q.recipientId ?? (isStaff(principal) ? undefined : ownRecipientId(principal));
    if (recipientId) assertMayRead(principal, recipientId);
    else if (!isStaff(principal)) throw new ForbiddenError('recipientId is required');
    const items = await this.notifications.query({
      recipientId, status: q.status, channel: q.channel, eventType: q.eventType,
      from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, limit: q.limit,
    });
    return { items: items.map(notificationView) };
  }
}
