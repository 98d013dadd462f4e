import { usePolled } from '../shared/use-polled.hook';
import { AppointmentPanel } from './appointment-panel.component';
import { ApplianceSummary, CustomerApi, DiagnosticCase, Installation } from './customer.api';
import { day, windowText, words } from './format';
import { ProblemPanel } from './problem-panel.component';
import { Timeline } from './timeline.component';

const MOVABLE_INSTALLATION = ['requested', 'awaiting-technician', 'scheduled'];

/**
 * The visit's work order: portal's appointment does not carry its id, so it comes from the job that
 * asked for the visit (the customer's installation, or the case's diagnostic visit).
 */
function bookedWorkOrder(installation: Installation | undefined, cases: DiagnosticCase[] | undefined) {
  const visit = cases?.find((c) => c.state === 'visit-scheduled' && c.workOrderId);
  if (visit) return visit.workOrderId;
  return installation && MOVABLE_INSTALLATION.includes(installation.status) ? installation.workOrderId : undefined;
}

/** One appliance: status, warranty, the booked visit (movable), its problem report or guidance, its timeline. */
export function ApplianceCard(props: {
  api: CustomerApi;
  summary: ApplianceSummary;
  installation?: Installation;
  onChanged: () => void;
}) {
  const { api, summary } = props;
  const cases = usePolled(() => api.cases(summary.applianceId), summary.applianceId);
  const workOrderId = bookedWorkOrder(props.installation, cases.data);
  const name = summary.appliance
    ? `${summary.appliance.brand ?? ''} ${summary.appliance.model ?? summary.appliance.sku} (${words(summary.appliance.category)})`.trim()
    : summary.applianceId;
  const changed = () => {
    cases.reload();
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
