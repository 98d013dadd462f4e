import { InvalidTransitionError } from '@appliance-care/kernel';

export const CASE_STATES = [
  'guidance-sent',
  'visit-requested',
  'visit-scheduled',
  'completed',
  'visit-cancelled',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States a case does not leave: done with an outcome, or closed because its visit was cancelled. */
export const CLOSED_CASE_STATES: readonly CaseState[] = ['completed', 'visit-cancelled'];
export const isClosedCase = (state: CaseState): boolean => CLOSED_CASE_STATES.includes(state);

export const CASE_OUTCOMES = ['resolved', 'no-fault-found', 'repair-required'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export type CaseAction = 'record-guidance-outcome' | 'schedule-visit' | 'record-results' | 'cancel-visit';

/** Which actions each state allows: everything else is a 409 with the current state. */
const ALLOWED: Record<CaseState, readonly CaseAction[]> = {
  'guidance-sent': ['record-guidance-outcome'],
  'visit-requested': ['schedule-visit', 'cancel-visit'],
  // a reassignment books another technician for the same visit
  'visit-scheduled': ['schedule-visit', 'record-results', 'cancel-visit'],
  completed: [],
  'visit-cancelled': [],
};

export interface CaseStatus {
  id: string;
  state: CaseState;
  technicianId?: string;
  workOrderId?: string;
  outcome?: CaseOutcome;
}

export type ScheduleChange = 'scheduled' | 'rescheduled' | 'unchanged';

/** The life of a diagnostic case: guidance or visit, then a visit booked, then an outcome. */
export class DiagnosticCase {
  private constructor(private status: CaseStatus) {}

  /** A new case goes where triage sent it. */
  static open(id: string, route: 'guidance' | 'visit'): DiagnosticCase {
    return new DiagnosticCase({ id, state: route === 'guidance' ? 'guidance-sent' : 'visit-requested' });
  }

  static restore(status: CaseStatus): DiagnosticCase {
    return new DiagnosticCase({ ...status });
  }

  get state(): CaseState {
    return this.status.state;
  }

  get isOpen(): boolean {
    return !isClosedCase(this.status.state);
  }

  snapshot(): CaseStatus {
    return { ...this.status };
  }

  can(action: CaseAction): boolean {
    return ALLOWED[this.status.state].includes(action);
  }

  /** fixed: the case is resolved remotely; not fixed: a technician must come. */
  recordGuidanceOutcome(fixed: boolean): void {
    this.assert('record-guidance-outcome', 'record a guidance outcome');
    this.status = fixed
      ? { ...this.status, state: 'completed', outcome: 'resolved' }
      : { ...this.status, state: 'visit-requested' };
  }

  /** Dispatch booked (or re-booked) a technician for the visit. */
  scheduleVisit(technicianId: string, workOrderId: string): ScheduleChange {
    this.assert('schedule-visit', 'schedule a visit');
    if (
      this.status.state === 'visit-scheduled' &&
      this.status.technicianId === technicianId &&
      this.status.workOrderId === workOrderId
    ) {
      return 'unchanged';
    }
    const change: ScheduleChange = this.status.state === 'visit-scheduled' ? 'rescheduled' : 'scheduled';
    this.status = { ...this.status, state: 'visit-scheduled', technicianId, workOrderId };
    return change;
  }

  recordResults(outcome: CaseOutcome): void {
    this.assert('record-results', 'record test results');
    this.status = { ...this.status, state: 'completed', outcome };
  }

  /** The visit was cancelled (through dispatch): the case closes without a diagnosis. */
  cancelVisit(): void {
    this.assert('cancel-visit', 'cancel its visit');
    this.status = { ...this.status, state: 'visit-cancelled' };
  }

  private assert(action: CaseAction, what: string): void {
    if (!this.can(action)) throw new InvalidTransitionError('case', this.status.id, this.status.state, what);
  }
}
