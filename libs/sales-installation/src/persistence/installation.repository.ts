import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { withEvents } from '@appliance-care/messaging';
import { definedOnly, isDuplicateKey } from '@appliance-care/platform';

import { InstallationJobState, InstallationStatus } from '../domain/installation-job';
import { PlannedInstallation } from '../domain/purchase.plan';
import { INSTALLATION_MODEL, InstallationDocument } from './installation.schema';

/** An installation job as the application sees it: without the relay's outbox. */
export type StoredInstallation = Omit<InstallationDocument, 'outbox' | 'outboxPending'>;

export interface InstallationFilter {
  technicianId?: string;
  customerId?: string;
  status?: InstallationStatus;
  applianceId?: string;
}

const WITHOUT_OUTBOX = { outbox: 0, outboxPending: 0 } as const;
const LIST_LIMIT = 200;

/** The fields of the document that are the state machine's state. */
const JOB_FIELDS: (keyof InstallationJobState)[] = [
  'status',
  'attempt',
  'requestedAt',
  'requestReason',
  'preferredWindow',
  'assignment',
  'waitingReason',
  'startedAt',
  'completedAt',
  'checklistAnswers',
  'customerTrained',
  'notes',
  'visits',
];

/** The state machine's view of a stored job (absent and null fields left out). */
export function jobStateOf(doc: StoredInstallation): InstallationJobState {
  const state: Partial<InstallationJobState> = {};
  for (const field of JOB_FIELDS) {
    const value = doc[field];
    if (value !== undefined && value !== null) (state as Record<string, unknown>)[field] = value;
  }
  return { ...state, visits: doc.visits ?? [] } as InstallationJobState;
}

/** Sets the state's fields and unsets those it no longer has; technicianId copies the assignment's, for its index. */
function stateUpdate(state: InstallationJobState, version: number): UpdateQuery<InstallationDocument> {
  const $set: Record<string, unknown> = { version };
  const $unset: Record<string, ''> = {};
  for (const field of JOB_FIELDS) {
    if (state[field] === undefined) $unset[field] = '';
    else $set[field] = state[field];
  }
  if (state.assignment) $set['technicianId'] = state.assignment.technicianId;
  else $unset['technicianId'] = '';
  return Object.keys($unset).length ? { $set, $unset } : { $set };
}

function requestedJob({ installationId, ...job }: PlannedInstallation, requestedAt: Date): InstallationDocument {
  return {
    // undefined fields are left out: the stores would keep them as null
    ...(definedOnly(job) as Omit<PlannedInstallation, 'installationId'>),
    _id: installationId,
    status: 'requested',
    attempt: 1,
    requestedAt: requestedAt.toISOString(),
    visits: [],
    version: 1,
    outbox: [],
    outboxPending: false,
  };
}

@Injectable()
export class InstallationRepository {
  constructor(@InjectModel(INSTALLATION_MODEL) private readonly model: Model<InstallationDocument>) {}

  async find(id: string): Promise<StoredInstallation | undefined> {
    return (await this.model.findById(id, WITHOUT_OUTBOX).lean<StoredInstallation>().exec()) ?? undefined;
  }

  list(filter: InstallationFilter): Promise<StoredInstallation[]> {
    return this.model
      .find(definedOnly(filter), WITHOUT_OUTBOX)
      .sort({ requestedAt: 1, _id: 1 })
      .limit(LIST_LIMIT)
      .lean<StoredInstallation[]>()
      .exec();
  }

  /** Inserts new jobs, requested for their first visit (deterministic ids): those an earlier delivery inserted stay. */
  async insertRequested(jobs: PlannedInstallation[], requestedAt: Date): Promise<void> {
    if (!jobs.length) return;
    try {
      await this.model.insertMany(
        jobs.map((job) => requestedJob(job, requestedAt)),
        { ordered: false, lean: true },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /**
   * Writes the job's next state with its events, if the job is still at the version it was read at.
   * Returns the job as written, or undefined when another writer changed it first.
   */
  async saveState(
    job: StoredInstallation,
    state: InstallationJobState,
    events: readonly EventEnvelope[],
  ): Promise<StoredInstallation | undefined> {
    const version = job.version + 1;
    const result = await this.model
      .updateOne({ _id: job._id, version: job.version }, withEvents(stateUpdate(state, version), events))
      .exec();
    if (result.matchedCount !== 1) return undefined;
    return { ...job, ...state, technicianId: state.assignment?.technicianId, version };
  }
}
