import { InvalidTransitionError } from '@appliance-care/kernel';

export const RESERVATION_STATUSES = ['reserving', 'waiting', 'reserved', 'consumed', 'released'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export type ReservationAction = 'settle' | 'fulfil' | 'amend' | 'consume' | 'release';

/**
 * A reservation is written first as `reserving` (stock being taken row by row), then settled:
 * `reserved` when every line was taken, `waiting` when some are on order. Arriving stock fills a
 * waiting one; a visit's awaiting-parts may add lines to either; completion consumes it and
 * cancellation releases it, both from either.
 */
const TRANSITIONS: Record<ReservationAction, Partial<Record<ReservationStatus, readonly ReservationStatus[]>>> = {
  settle: { reserving: ['waiting', 'reserved'] },
  fulfil: { waiting: ['waiting', 'reserved'] },
  // a visit found more parts needed (repair.awaiting-parts.v1): taken or put on order
  amend: { waiting: ['waiting', 'reserved'], reserved: ['waiting', 'reserved'] },
  consume: { waiting: ['consumed'], reserved: ['consumed'] },
  release: { waiting: ['released'], reserved: ['released'] },
};

export class ReservationStateMachine {
  static can(from: ReservationStatus, action: ReservationAction): boolean {
    return TRANSITIONS[action][from] !== undefined;
  }

  static next(
    ticketId: string,
    from: ReservationStatus,
    action: ReservationAction,
    to: ReservationStatus,
  ): ReservationStatus {
    if (!TRANSITIONS[action][from]?.includes(to)) {
      throw new InvalidTransitionError('parts reservation', ticketId, from, `${action} to ${to}`);
    }
    return to;
  }
}
