import { WorkOrder } from '../api/dispatch.api';
import { JobDetails } from './job-details.hook';
import { maintenanceStatus } from './maintenance-job.data';
import { Address, Appliance, KnownFault, Part } from './technician.api';

const addressText = (a?: Address) => [a?.line1, a?.postalCode, a?.city].filter(Boolean).join(', ');
const applianceText = (a: Appliance) =>
  `${[a.brand, a.model ?? a.sku].filter(Boolean).join(' ')} ${a.category} (${a.serialNumber})`;

function PartsList({ parts }: { parts: Part[] }) {
  if (parts.length === 0) return null;
  return (
    <>
      <dt>Suggested parts</dt>
      <dd>
        <ul>
          {parts.map((p) => (
            <li key={p.sku}>
              {p.quantity} × {p.name} ({p.sku})
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

function Guidance({ steps }: { steps: string[] }) {
  if (steps.length === 0) return null;
  return (
    <>
      <dt>Guidance</dt>
      <dd>
        <ol>
          {steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </dd>
    </>
  );
}

/** The knowledge base's faults the job is about: for a repair those the ticket names, for a visit the candidates. */
function knownFaults(details: JobDetails): KnownFault[] {
  if (details.kind === 'repair') {
    const components = new Set(details.ticket.faults.map((f) => f.component));
    return details.faults.filter((f) => components.has(f.component));
  }
  if (details.kind === 'diagnostic-visit') {
    const ids = new Set(details.case.triage.candidates.map((c) => c.faultId));
    return details.faults.filter((f) => ids.has(f.id));
  }
  return [];
}

function facts(order: WorkOrder, details: JobDetails) {
  if (details.kind === 'maintenance') {
    return {
      address: order.address,
      appliance: applianceText(details.appliance),
      status: maintenanceStatus(order, details),
      fault: details.maintenance?.plan?.name ?? order.summary,
    };
  }
  if (details.kind === 'installation') {
    const i = details.installation;
    return {
      address: i.address,
      appliance: `${i.category} (${i.serialNumber})`,
      status: i.status,
      fault: order.summary,
    };
  }
  if (details.kind === 'diagnostic-visit') {
    const c = details.case;
    const fault = [c.symptoms, c.errorCode && `error ${c.errorCode}`, c.triage.explanation].filter(Boolean).join(' · ');
    return { address: c.address ?? order.address, appliance: c.category, status: c.state, fault };
  }
  const t = details.ticket;
  const fault = t.faults.map((f) => [f.component, f.description].filter(Boolean).join(': ')).join('; ');
  return {
    address: t.address ?? order.address,
    appliance: t.category,
    status: t.status,
    fault: fault || order.summary,
  };
}

/** Where, what, the fault, and what the knowledge base suggests to bring and do. */
export function JobFacts({ order, details }: { order: WorkOrder; details: JobDetails }) {
  const f = facts(order, details);
  const known = knownFaults(details);
  const parts = details.kind === 'repair' ? details.ticket.parts : known.flatMap((k) => k.parts);
  const guidance = [
    ...(details.kind === 'diagnostic-visit' ? (details.case.triage.guidance ?? []) : []),
    ...known.flatMap((k) => k.guidance ?? []),
  ];
  return (
    <dl className="job-facts">
      <dt>Address</dt>
      <dd>{addressText(f.address) || 'not given'}</dd>
      <dt>Appliance</dt>
      <dd>{f.appliance}</dd>
      <dt>Fault / job</dt>
      <dd>{f.fault}</dd>
      <dt>Status</dt>
      <dd data-testid="job-status">{f.status}</dd>
      <PartsList parts={parts} />
      <Guidance steps={[...new Set(guidance)]} />
    </dl>
  );
}
