import { InvalidTransitionError } from '@appliance-care/kernel';

import { TICKET_ACTIONS, TICKET_STATUSES, TicketAction, TicketStatus } from './ticket-status';
import { TicketStateMachine } from './ticket.state-machine';

describe('ticket state machine', () => {
  it('walks the happy path: assigned → accepted → en route → in progress → completed', () => {
    let s: TicketStatus = 'awaiting-assignment';
    for (const [action, expected] of [
      ['assign', 'assigned'],
      ['accept', 'accepted'],
      ['en-route', 'en-route'],
      ['start', 'in-progress'],
      ['complete', 'completed'],
    ] as [TicketAction, TicketStatus][]) {
      s = TicketStateMachine.next('T1', s, action);
      expect(s).toBe(expected);
    }
  });

  it('sends a declined ticket back to awaiting assignment', () => {
    expect(TicketStateMachine.next('T1', 'assigned', 'decline')).toBe('awaiting-assignment');
    expect(TicketStateMachine.next('T1', 'accepted', 'decline')).toBe('awaiting-assignment');
  });

  it('leaves work waiting for parts, and resumes it by a revisit (en route or straight to start)', () => {
    expect(TicketStateMachine.next('T1', 'in-progress', 'awaiting-parts')).toBe('awaiting-parts');
    expect(TicketStateMachine.next('T1', 'awaiting-parts', 'en-route')).toBe('en-route');
    expect(TicketStateMachine.next('T1', 'awaiting-parts', 'start')).toBe('in-progress');
    expect(TicketStateMachine.next('T1', 'awaiting-parts', 'assign')).toBe('awaiting-parts');
  });

  it('sends a ticket whose parts arrived back to scheduling, from where the return visit runs its usual course', () => {
    let s: TicketStatus = TicketStateMachine.next('T1', 'awaiting-parts', 'parts-arrived');
    expect(s).toBe('awaiting-assignment');
    for (const [action, expected] of [
      ['assign', 'assigned'],
      ['accept', 'accepted'],
      ['en-route', 'en-route'],
      ['start', 'in-progress'],
      ['complete', 'completed'],
    ] as [TicketAction, TicketStatus][]) {
      s = TicketStateMachine.next('T1', s, action);
      expect(s).toBe(expected);
    }
  });

  it('waits for parts on order from any state before the visit, and from no other', () => {
    const before: TicketStatus[] = ['awaiting-assignment', 'assigned', 'accepted', 'en-route'];
    for (const s of TICKET_STATUSES) expect(TicketStateMachine.can(s, 'parts-short')).toBe(before.includes(s));
    for (const s of before) expect(TicketStateMachine.next('T1', s, 'parts-short')).toBe('awaiting-parts');
  });

  it('takes arrived parts only while waiting for them', () => {
    for (const s of TICKET_STATUSES) expect(TicketStateMachine.can(s, 'parts-arrived')).toBe(s === 'awaiting-parts');
    expect(() => TicketStateMachine.next('T2', 'awaiting-assignment', 'parts-arrived')).toThrow(
      'repair ticket T2 is awaiting-assignment; it cannot resume with arrived parts',
    );
  });

  it('cancels any open ticket and nothing closed', () => {
    for (const s of TICKET_STATUSES) {
      expect(TicketStateMachine.can(s, 'cancel')).toBe(s !== 'completed' && s !== 'cancelled' && s !== 'replaced');
    }
  });

  it('proposes and rejects a replacement where the ticket stands, and ends it as replaced on approval', () => {
    for (const s of TICKET_STATUSES) {
      const open = s !== 'completed' && s !== 'cancelled' && s !== 'replaced';
      expect(TicketStateMachine.can(s, 'propose-replacement')).toBe(open);
      if (open) expect(TicketStateMachine.next('RT-1', s, 'reject-replacement')).toBe(s);
      if (open) expect(TicketStateMachine.next('RT-1', s, 'approve-replacement')).toBe('replaced');
    }
    expect(() => TicketStateMachine.next('RT-1', 'replaced', 'complete')).toThrow(
      /is replaced; it cannot be completed/,
    );
  });

  it('lets nothing at all happen to a completed or cancelled ticket', () => {
    for (const s of ['completed', 'cancelled'] as const) expect(TicketStateMachine.allowedActions(s)).toEqual([]);
  });

  it.each([
    ['awaiting-assignment', 'accept'],
    ['assigned', 'start'],
    ['accepted', 'complete'],
    ['en-route', 'decline'],
    ['in-progress', 'accept'],
    ['completed', 'complete'],
    ['awaiting-parts', 'complete'],
    ['assigned', 'en-route'],
  ] as [TicketStatus, TicketAction][])('refuses %s → %s with the current state', (from, action) => {
    let error: unknown;
    try {
      TicketStateMachine.next('T9', from, action);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect((error as InvalidTransitionError).status).toBe(409);
    expect((error as InvalidTransitionError).currentState).toBe(from);
    expect((error as Error).message).toContain(`repair ticket T9 is ${from}`);
  });

  it('has an answer for every status and action pair', () => {
    for (const s of TICKET_STATUSES)
      for (const a of TICKET_ACTIONS) expect(typeof TicketStateMachine.can(s, a)).toBe('boolean');
  });
});
