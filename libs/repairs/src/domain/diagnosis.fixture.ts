import { DiagnosisCompleted } from '@appliance-care/contracts';

/** Diagnostics' verdict on CASE-1 that opens a repair ticket: a blocked pump on a washing machine in warranty, for tests. */
export const sampleDiagnosis = (over: Partial<DiagnosisCompleted> = {}): DiagnosisCompleted => ({
  caseId: 'CASE-1',
  applianceId: 'A-1',
  customerId: 'C-1',
  outcome: 'repair-required',
  category: 'washing-machine',
  region: 'london',
  faults: [{ component: 'pump', description: 'blocked' }],
  requiredSkill: 'appliance-general',
  parts: [{ sku: 'DRAIN-PUMP-01', name: 'pump', quantity: 1 }],
  severity: 'high',
  reportedAt: '2027-02-28T09:00:00Z',
  warranty: { status: 'in-warranty', endsAt: '2028-01-01T00:00:00Z' },
  completedAt: '2027-03-01T09:00:00Z',
  ...over,
});
