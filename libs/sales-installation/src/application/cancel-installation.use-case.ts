import { Injectable, Logger } from '@nestjs/common';

import { WorkOrderCancelled } from '@appliance-care/contracts';
import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';
import { NotFoundError } from '@appliance-care/platform';

import { cancellationVerdict } from '../domain/installation-cancellation.policy';
import { InstallationJob, InstallationJobState } from '../domain/installation-job';
import { InstallationRepository, jobStateOf, StoredInstallation } from '../persistence/installation.repository';
import { installationRef } from './installation-events';

/** A job is changed by several parties at once (dispatch's events, the technician, staff): a few more tries. */
const WRITE_ATTEMPTS = 10;

const lastVisit = (state: InstallationJobState) => state.visits[state.visits.length - 1];

/**
 * The customer (or a dispatcher) cancelled the installation appointment in dispatch: the job is
 * cancelled and installation.cancelled.v1 goes out in the same write. Idempotent (a cancelled job
 * stays as it is); a job started meanwhile, or a cancellation of an earlier visit's order, is left
 * alone with a log line.
 */
@Injectable()
export class CancelInstallation {
  private readonly logger = new Logger('CancelInstallation');

  constructor(
    private readonly installations: InstallationRepository,
    private readonly events: EventFactory,
  ) {}

  async onWorkOrderCancelled(order: WorkOrderCancelled): Promise<StoredInstallation> {
    const id = order.sourceId;
    return untilWritten(
      `installation ${id}`,
      async () => {
        const doc = await this.installations.find(id);
        if (!doc) throw new NotFoundError('installation', id);
        const state = jobStateOf(doc);
        const verdict = cancellationVerdict(state, order.workOrderId);
        if (!verdict.cancel) {
          if (verdict.reason !== 'already-cancelled')
            this.logger.warn(
              { installationId: id, workOrderId: order.workOrderId, status: state.status, reason: verdict.reason },
              'work-order cancellation ignored',
            );
          return doc;
        }
        const { workOrderId, cancelledBy: by, reason, cancelledAt: at } = order;
        const next = new InstallationJob(id, state).cancel({ workOrderId, by, reason, at }).state;
        const visit = lastVisit(next);
        const event = this.events.create(
          'installation.cancelled.v1',
          {
            ...installationRef({ ...doc, installationId: id }),
            workOrderId,
            technicianId: visit.technicianId ?? order.technicianId,
            cancelledBy: by,
            reason,
            cancelledAt: at,
          },
          { subject: doc.applianceId },
        );
        return (await this.installations.saveState(doc, next, [event])) ?? CONFLICT;
      },
      { attempts: WRITE_ATTEMPTS },
    );
  }
}
