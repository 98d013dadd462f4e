import { WorkOrderAssigned } from '@appliance-care/contracts';
import { classify, EventFactory, WriteConflictError } from '@appliance-care/messaging';

import { KnowledgeBase } from '../domain/knowledge-base';
import { CaseChange, CaseRepository } from '../persistence/case.repository';
import { CaseDocument } from '../persistence/case.schema';
import { CaseWorkflow } from './case-workflow.service';
import { LocalCopies } from './local-copies.service';

/** A case waiting for its visit, as the store holds it. */
function waitingCase(version: number): CaseDocument {
  const at = '2026-12-01T08:00:00.000Z';
  return {
    _id: 'case-1',
    version,
    state: 'visit-requested',
    applianceId: 'A-1',
    customerId: 'C-1',
    category: 'washing-machine',
    source: 'customer',
    reportedAt: at,
    warranty: { status: 'in-warranty', endsAt: '2027-12-01T00:00:00.000Z' },
    triage: {
      knowledgeBaseVersion: '1',
      route: 'visit',
      severity: 'medium',
      requiredSkill: 'appliance-general',
      durationMinutes: 60,
      explanation: 'test',
      candidates: [],
    },
    occurrences: 1,
    lastSeenAt: at,
    recentEventIds: [],
    history: [],
    createdAt: at,
    updatedAt: at,
  };
}

/** The store as seen by a writer that other writers keep overtaking for the first `losses` writes. */
class ContendedCases {
  version = 1;
  saves: { version: number; change: CaseChange }[] = [];

  constructor(private losses: number) {}

  async get(): Promise<CaseDocument> {
    return waitingCase(this.version);
  }

  async exists(): Promise<boolean> {
    return true;
  }

  async save(_caseId: string, version: number, change: CaseChange): Promise<boolean> {
    this.saves.push({ version, change });
    this.version += 1; // someone else's write, or ours
    if (this.losses === 0) return true;
    this.losses -= 1;
    return false;
  }
}

const assigned: WorkOrderAssigned = {
  workOrderId: 'WO-diagnostic-visit-case-1-1',
  kind: 'diagnostic-visit',
  sourceId: 'case-1',
  applianceId: 'A-1',
  technicianId: 'T-1',
  technicianName: 'Tech One',
  window: { from: '2026-12-02T08:00:00Z', to: '2026-12-02T09:00:00Z' },
  reason: 'earliest slot',
};

function workflowOver(cases: ContendedCases): CaseWorkflow {
  return new CaseWorkflow(
    cases as unknown as CaseRepository,
    {} as LocalCopies,
    {} as KnowledgeBase,
    new EventFactory('/test/diagnostics'),
  );
}

describe('CaseWorkflow under write contention', () => {
  it('decides again on a fresh copy when another writer got there first', async () => {
    const cases = new ContendedCases(2);
    await workflowOver(cases).visitAssigned(assigned);
    expect(cases.saves.map((save) => save.version)).toEqual([1, 2, 3]);
    expect(cases.saves[2].change.set).toMatchObject({ state: 'visit-scheduled', technicianId: 'T-1' });
  });

  it('gives up with a transient error, so the event is retried instead of dead-lettered', async () => {
    const cases = new ContendedCases(Infinity);
    const failure = await workflowOver(cases)
      .visitAssigned(assigned)
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(failure).toBeInstanceOf(WriteConflictError);
    // what the consumer does with it: retried with backoff (a BusinessRuleError would be poison: DLQ)
    expect(classify(failure)).toMatchObject({ poison: false, code: 'transient' });
    expect(cases.saves.length).toBeGreaterThan(1);
  });
});
