import { usePolled } from '../shared/use-polled.hook';
import { AppointmentPanel } from './appointment-panel.component';
import {
  ApplianceSummary,
  CustomerApi,
  DiagnosticCase,
  Installation,
  MaintenanceBooking,
  RepairTicket,
} from './customer.api';
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
  maintenance?: MaintenanceBooking;
}

/**
 * The visit's work order: portal's appointment does not carry its id, so it comes from the job that
 * asked for the visit (the customer's installation, the case's diagnostic visit, the repair ticket,
 * the appliance's maintenance schedule).
 */
function bookedWorkOrder({ installation, cases, tickets, maintenance }: Jobs): string | undefined {
  if (maintenance?.status === 'visit-booked' && maintenance.booking) return maintenance.booking.workOrderId;
  const repair = tickets?.find((t) => MOVABLE_REPAIR.includes(t.status) && t.workOrderId);
  if (repair) return repair.workOrderId;
  const visit = cases?.find((c) => c.state === 'visit-scheduled' && c.workOrderId);
  if (visit) return visit.workOrderId;
  return installation && MOVABLE_INSTALLATION.includes(installation.status) ? installation.workOrderId : undefined;
}

/** The jobs that may have booked the appliance's visit, polled; and that visit's work order. */
function useVisitJobs(api: CustomerApi, customerId: string, summary: ApplianceSummary, installation?: Installation) {
  const cases = usePolled(() => api.cases(summary.applianceId), summary.applianceId);
  const tickets = usePolled(() => api.tickets(customerId, summary.applianceId), summary.applianceId);
  const planned = summary.appointment?.kind === 'maintenance';
  const maintenance = usePolled(
    () => (planned ? api.maintenance(summary.applianceId) : Promise.resolve(undefined)),
    `${summary.applianceId}:${planned}`,
  );
  const jobs = { installation, cases: cases.data, tickets: tickets.data, maintenance: maintenance.data };
  const reload = () => {
    cases.reload();
    tickets.reload();
    maintenance.reload();
  };
  return { cases, workOrderId: bookedWorkOrder(jobs), reload };
}

/** One appliance: status, warranty, the booked visit (movable), its problem report or guidance, its timeline. */
export function ApplianceCard(props: {
  api: CustomerApi;
  customerId: string;
  summary: ApplianceSummary;
  installation?: Installation;
  /** the survey of the job last done on it, from the completion message (portal takes ratings by that link only) */
  surveyLink?: string;
  onChanged: () => void;
}) {
  const { api, summary } = props;
  const { cases, workOrderId, reload } = useVisitJobs(api, props.customerId, summary, props.installation);
  const changed = () => {
    reload();
    props.onChanged();
  };
  return (
    <article className="appliance" data-appliance={summary.applianceId} aria-labelledby={`a-${summary.applianceId}`}>
      <h2 id={`a-${summary.applianceId}`}>{nameOf(summary)}</h2>
      <ApplianceFacts summary={summary} />
      {workOrderId && summary.appointment ? (
        <AppointmentPanel api={api} workOrderId={workOrderId} onChanged={changed} />
      ) : null}
      {props.surveyLink ? (
        <p className="survey">
          Job done. How did we do?{' '}
          <a href={props.surveyLink} target="_blank" rel="noreferrer noopener">
            Rate this job
          </a>
        </p>
      ) : null}
      <ProblemPanel api={api} applianceId={summary.applianceId} cases={cases} />
      <Timeline api={api} applianceId={summary.applianceId} />
    </article>
  );
}

function nameOf(summary: ApplianceSummary): string {
  const a = summary.appliance;
  return a ? `${a.brand ?? ''} ${a.model ?? a.sku} (${words(a.category)})`.trim() : summary.applianceId;
}

function appointmentText({ appointment }: ApplianceSummary): string {
  if (!appointment) return 'none booked';
  const who = appointment.technicianName ? ` with ${appointment.technicianName}` : '';
  return `${words(appointment.kind)} ${windowText(appointment)}${who}`;
}

function ApplianceFacts({ summary }: { summary: ApplianceSummary }) {
  return (
    <dl>
      <dt>Status</dt>
      <dd className="status">{words(summary.status)}</dd>
      <dt>Serial number</dt>
      <dd>{summary.appliance?.serialNumber ?? '–'}</dd>
      <dt>Warranty until</dt>
      <dd>{summary.appliance ? day(summary.appliance.warrantyEndsAt) : '–'}</dd>
      <dt>Appointment</dt>
      <dd className="appointment">{appointmentText(summary)}</dd>
    </dl>
  );
}
