import { usePolled } from '../shared/use-polled.hook';
import { AppointmentPanel } from './appointment-panel.component';
import { ApplianceSummary, CustomerApi, DiagnosticCase, Installation, RepairTicket } from './customer.api';
import { day, windowText, words } from './format';
import { ProblemPanel } from './problem-panel.component';
import { Timeline } from './timeline.component';

const MOVABLE_INSTALLATION = ['requested', 'awaiting-technician', 'scheduled'];
// a repair visit not yet under way: dispatch moves or cancels it until the technician sets off
const MOVABLE_REPAIR = ['awaiting-assignment', 'assigned', 'accepted'];

interface Jobs {
  installation?: Installation;
  cases?: DiagnosticCase[];
  tickets?: RepairTicket[];
}

/**
 * The visit's work order: portal's appointment does not carry its id, so it comes from the job that
 * asked for the visit (the customer's installation, the case's diagnostic visit, the repair ticket).
 */
function bookedWorkOrder({ installation, cases, tickets }: Jobs): string | undefined {
  const repair = tickets?.find((t) => MOVABLE_REPAIR.includes(t.status) && t.workOrderId);
  if (repair) return repair.workOrderId;
  const visit = cases?.find((c) => c.state === 'visit-scheduled' && c.workOrderId);
  if (visit) return visit.workOrderId;
  return installation && MOVABLE_INSTALLATION.includes(installation.status) ? installation.workOrderId : undefined;
}

/** One appliance: status, warranty, the booked visit (movable), its problem report or guidance, its timeline. */
export function ApplianceCard(props: {
  api: CustomerApi;
  customerId: string;
  summary: ApplianceSummary;
  installation?: Installation;
  onChanged: () => void;
}) {
  const { api, summary } = props;
  const cases = usePolled(() => api.cases(summary.applianceId), summary.applianceId);
  const tickets = usePolled(() => api.tickets(props.customerId, summary.applianceId), summary.applianceId);
  const workOrderId = bookedWorkOrder({ installation: props.installation, cases: cases.data, tickets: tickets.data });
  const name = summary.appliance
    ? `${summary.appliance.brand ?? ''} ${summary.appliance.model ?? summary.appliance.sku} (${words(summary.appliance.category)})`.trim()
    : summary.applianceId;
  const changed = () => {
    cases.reload();
    tickets.reload();
    props.onChanged();
  };
  return (
    <article className="appliance" data-appliance={summary.applianceId} aria-labelledby={`a-${summary.applianceId}`}>
      <h2 id={`a-${summary.applianceId}`}>{name}</h2>
      <dl>
        <dt>Status</dt>
        <dd className="status">{words(summary.status)}</dd>
        <dt>Serial number</dt>
        <dd>{summary.appliance?.serialNumber ?? '–'}</dd>
        <dt>Warranty until</dt>
        <dd>{summary.appliance ? day(summary.appliance.warrantyEndsAt) : '–'}</dd>
        <dt>Appointment</dt>
        <dd className="appointment">
          {summary.appointment
            ? `${words(summary.appointment.kind)} ${windowText(summary.appointment)}${summary.appointment.technicianName ? ` with ${summary.appointment.technicianName}` : ''}`
            : 'none booked'}
        </dd>
      </dl>
      {workOrderId && summary.appointment ? (
        <AppointmentPanel api={api} workOrderId={workOrderId} onChanged={changed} />
      ) : null}
      <ProblemPanel api={api} applianceId={summary.applianceId} cases={cases} />
      <Timeline api={api} applianceId={summary.applianceId} />
    </article>
  );
}
