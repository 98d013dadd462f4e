import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Per client address and route, RATE_LIMIT_PER_MINUTE requests a minute (0: off); 429 problem+json
 * with Retry-After beyond. Only HTTP is limited: Kafka handlers share the global guards.
 */
@Injectable()
export class HttpRateLimitGuard extends ThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return super.canActivate(context);
  }
}
