import { WorkOrder } from '../api/dispatch.api';
import { ProblemMessage } from '../shared/problem-message.component';
import { InstallationActions } from './installation-actions.component';
import { JobDetails, useJobDetails } from './job-details.hook';
import { JobFacts } from './job-facts.component';
import { MaintenanceActions } from './maintenance-actions.component';
import { OrderSteps } from './order-steps.component';
import { RepairActions } from './repair-actions.component';
import { Maintenance } from './technician.api';
import { VisitResultsForm } from './visit-results.form';

const KIND_LABEL: Record<WorkOrder['kind'], string> = {
  installation: 'Installation',
  'diagnostic-visit': 'Diagnostic visit',
  repair: 'Repair',
  maintenance: 'Maintenance visit',
};

function when(order: WorkOrder): string {
  if (!order.window) return 'not yet timed';
  const fmt = (iso: string, opts: Intl.DateTimeFormatOptions) => new Date(iso).toLocaleString(undefined, opts);
  const day = fmt(order.window.from, { weekday: 'short', day: 'numeric', month: 'short' });
  const time = (iso: string) => fmt(iso, { hour: '2-digit', minute: '2-digit' });
  return `${day} ${time(order.window.from)}–${time(order.window.to)}`;
}

interface ActionsProps {
  order: WorkOrder;
  details: JobDetails;
  reload: () => void;
  onMaintenanceCompleted: (view: Maintenance) => void;
}

function Actions({ order, details, reload, onMaintenanceCompleted }: ActionsProps) {
  if (details.kind === 'repair') return <RepairActions ticket={details.ticket} onDone={reload} />;
  if (details.kind === 'maintenance') {
    return <MaintenanceActions order={order} job={details} onCompleted={onMaintenanceCompleted} onDone={reload} />;
  }
  const steps = <OrderSteps order={order} onDone={reload} />;
  if (details.kind === 'installation') {
    return (
      <>
        {steps}
        <InstallationActions installation={details.installation} onDone={reload} />
      </>
    );
  }
  return (
    <>
      {steps}
      {details.case.state === 'visit-scheduled' && (
        <VisitResultsForm visit={details.case} faults={details.faults} onDone={reload} />
      )}
    </>
  );
}

/** One job of the day: when, what and where, and the steps its kind allows now. */
export function JobCard({ order, onChanged }: { order: WorkOrder; onChanged: () => void }) {
  const details = useJobDetails(order);
  const reload = () => {
    details.reload();
    onChanged();
  };
  const title = `${KIND_LABEL[order.kind]} · ${when(order)}`;
  return (
    <li
      className="job-card"
      data-work-order={order.workOrderId}
      aria-label={`${KIND_LABEL[order.kind]} ${order.workOrderId}`}
    >
      <h2>{title}</h2>
      <p className="order-status">
        Work order {order.workOrderId}: {order.status}
      </p>
      {details.data ? (
        <>
          <JobFacts order={order} details={details.data} />
          <Actions
            order={order}
            details={details.data}
            reload={reload}
            onMaintenanceCompleted={details.maintenanceCompleted}
          />
        </>
      ) : (
        !details.error && <p>Loading the job…</p>
      )}
      <ProblemMessage error={details.error} />
    </li>
  );
}
