import { decideAppointmentCancellation } from './appointment-cancellation.policy';

describe('appointment cancellation policy', () => {
  it('cancels an open ticket whose appointment it is, or one that holds none', () => {
    expect(decideAppointmentCancellation({ status: 'assigned', workOrderId: 'WO-1' }, 'WO-1')).toEqual({
      cancel: true,
    });
    expect(decideAppointmentCancellation({ status: 'awaiting-assignment' }, 'WO-1')).toEqual({ cancel: true });
  });

  it('leaves a closed ticket alone (a redelivery, or completed meanwhile)', () => {
    for (const status of ['cancelled', 'completed'] as const)
      expect(decideAppointmentCancellation({ status, workOrderId: 'WO-1' }, 'WO-1')).toEqual({
        cancel: false,
        reason: 'ticket-closed',
      });
  });

  it('ignores the cancellation of an appointment the ticket no longer holds', () => {
    expect(decideAppointmentCancellation({ status: 'accepted', workOrderId: 'WO-2' }, 'WO-1')).toEqual({
      cancel: false,
      reason: 'other-appointment',
    });
  });
});
