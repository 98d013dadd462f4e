import { WorkOrder } from '../api/dispatch.api';
import { useApi } from '../auth/session.context';
import { ProblemMessage } from '../shared/problem-message.component';
import { ReasonStep } from '../shared/reason-step.component';
import { useAction } from '../shared/use-action.hook';
import { EtaStep } from './step-forms.component';
import { technicianApi } from './technician.api';

/**
 * Accept, decline and on-the-way for installations, diagnostic visits and maintenance visits, which dispatch carries
 * (a repair's ticket carries its own steps, see repair-actions).
 */
export function OrderSteps({ order, onDone }: { order: WorkOrder; onDone: () => void }) {
  const steps = technicianApi(useApi());
  const action = useAction(onDone);
  const id = order.workOrderId;
  return (
    <div className="steps">
      {order.status === 'assigned' && (
        <button type="button" disabled={action.busy} onClick={() => action.run(() => steps.orderStep(id, 'accept'))}>
          Accept
        </button>
      )}
      {order.status === 'accepted' && (
        <EtaStep busy={action.busy} onSubmit={(eta) => action.run(() => steps.orderStep(id, 'en-route', { eta }))} />
      )}
      {['assigned', 'accepted'].includes(order.status) && (
        <ReasonStep
          label="Decline"
          busy={action.busy}
          onSubmit={(reason) => action.run(() => steps.orderStep(id, 'decline', { reason }))}
        />
      )}
      <ProblemMessage error={action.error} />
    </div>
  );
}
