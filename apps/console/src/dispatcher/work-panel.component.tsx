import { ReactNode } from 'react';

import { DispatchBoard, WorkOrder } from '../api/dispatch.api';
import { shortTime } from './time-axis';

interface Props {
  board: DispatchBoard;
  matches: (order: WorkOrder) => boolean;
  onPlace: (order: WorkOrder) => void;
}

/**
 * Work that needs the dispatcher: nobody could take it, its SLA is at risk, it waits for parts, it is
 * due soon, an appliance's planned maintenance is overdue.
 */
export function WorkPanel({ board, matches, onPlace }: Props) {
  const unassigned = board.unassigned.filter(matches);
  const dueSoon = board.atRisk.filter(matches);
  return (
    <aside className="work-panel" aria-label="Work needing attention">
      <PanelList title="Unassignable" count={unassigned.length} empty="Nothing waiting.">
        {unassigned.map((o) => (
          <li key={o.workOrderId} data-work-order={o.workOrderId}>
            <strong>{o.summary}</strong>
            <span>
              {o.workOrderId} · {o.kind} · {o.region} · needs {o.requiredSkill}
            </span>
            <span className="reason">{o.reason ?? 'no reason given'}</span>
            <button type="button" onClick={() => onPlace(o)}>
              Place {o.workOrderId}
            </button>
          </li>
        ))}
      </PanelList>
      <TicketsAtRisk tickets={board.ticketsAtRisk} />
      <PanelList title="Awaiting parts" count={board.awaitingParts.length}>
        {board.awaitingParts.map((o) => (
          <li key={o.workOrderId}>
            <strong>{o.summary}</strong>
            <span className="reason">{o.reason}</span>
          </li>
        ))}
      </PanelList>
      <DueSoon orders={dueSoon} onPlace={onPlace} />
      <MaintenanceOverdue rows={board.maintenanceOverdue ?? []} />
    </aside>
  );
}

function TicketsAtRisk({ tickets }: { tickets: DispatchBoard['ticketsAtRisk'] }) {
  return (
    <PanelList title="SLA at risk" count={tickets.length}>
      {tickets.map((t) => (
        <li key={t.ticketId}>
          <strong>
            {t.ticketId} {t.breached ? 'breached' : 'at risk'}
          </strong>
          <span>
            due {shortTime(t.slaDueAt)} · {t.priority}
            {t.technicianName ? ` · ${t.technicianName}` : ''}
          </span>
        </li>
      ))}
    </PanelList>
  );
}

function DueSoon({ orders, onPlace }: { orders: DispatchBoard['atRisk']; onPlace: (order: WorkOrder) => void }) {
  return (
    <PanelList title="Due soon" count={orders.length}>
      {orders.map((o) => (
        <li key={o.workOrderId}>
          <strong>{o.summary}</strong>
          <span>
            {o.overdue ? 'overdue' : 'due'} {shortTime(o.dueAt)} · {o.status}
          </span>
          <button type="button" onClick={() => onPlace(o)}>
            Reassign {o.workOrderId}
          </button>
        </li>
      ))}
    </PanelList>
  );
}

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

/** Appliances past their maintenance due date, with the work order serving them now (none: nobody is booked). */
function MaintenanceOverdue({ rows }: { rows: DispatchBoard['maintenanceOverdue'] }) {
  return (
    <PanelList title="Maintenance overdue" count={rows.length}>
      {rows.map((r) => (
        <li key={r.applianceId} data-appliance={r.applianceId}>
          <strong>{r.planName}</strong>
          <span>
            {r.applianceId} · {r.region} · due {day(r.dueAt)}
          </span>
          <span className="reason">
            {r.workOrderId
              ? `work order ${r.workOrderId} · ${r.status ?? 'open'}${r.technicianId ? ` · ${r.technicianId}` : ''}`
              : 'no work order open'}
          </span>
        </li>
      ))}
    </PanelList>
  );
}

function PanelList(props: { title: string; count: number; empty?: string; children: ReactNode }) {
  return (
    <>
      <h2>
        {props.title} ({props.count})
      </h2>
      <ul>
        {props.children}
        {props.count === 0 && props.empty && <li>{props.empty}</li>}
      </ul>
    </>
  );
}
