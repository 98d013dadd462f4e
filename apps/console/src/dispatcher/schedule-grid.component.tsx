import { Technician, WorkOrder } from '../api/dispatch.api';
import { AxisRange, BoardView, placeOnAxis, shortTime, ticks, unavailableTimes } from './time-axis';

interface Props {
  technicians: Technician[];
  bookings: Map<string, WorkOrder[]>;
  range: AxisRange;
  view: BoardView;
  onSelect: (order: WorkOrder) => void;
}

const KIND_LABEL: Record<WorkOrder['kind'], string> = {
  installation: 'Installation',
  'diagnostic-visit': 'Diagnostic visit',
  repair: 'Repair',
  maintenance: 'Maintenance',
};

/** One row per technician along the time axis: bookings coloured by kind and status, unavailable time greyed. */
export function ScheduleGrid({ technicians, bookings, range, view, onSelect }: Props) {
  const axis = ticks(range, view);
  return (
    <table className="schedule" aria-label="Schedule board">
      <thead>
        <tr>
          <th scope="col">Technician</th>
          <th scope="col" className="axis">
            {axis.map((t) => (
              <span key={t.at} style={{ left: `${((t.at - range.from) / (range.to - range.from)) * 100}%` }}>
                {t.label}
              </span>
            ))}
          </th>
        </tr>
      </thead>
      <tbody>
        {technicians.map((t) => (
          <tr key={t.technicianId} data-technician={t.technicianId}>
            <th scope="row">
              {t.name}
              <small>
                {t.technicianId} · {[t.homeRegion, ...t.regions.filter((r) => r !== t.homeRegion)].join(', ')}
              </small>
            </th>
            <td className="lane">
              <TechnicianLane
                technician={t}
                orders={bookings.get(t.technicianId) ?? []}
                range={range}
                onSelect={onSelect}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TechnicianLane(props: {
  technician: Technician;
  orders: WorkOrder[];
  range: AxisRange;
  onSelect: (o: WorkOrder) => void;
}) {
  const { technician, orders, range, onSelect } = props;
  return (
    <div className="lane-inner">
      {unavailableTimes(technician, range).map((u, i) => {
        const at = placeOnAxis(u, range);
        if (!at) return null;
        const title = u.why === 'time off' ? `Time off${u.reason ? `: ${u.reason}` : ''}` : 'Outside working hours';
        return (
          <div
            key={i}
            className={`unavailable ${u.why.replace(' ', '-')}`}
            title={title}
            style={{ left: `${at.left}%`, width: `${at.width}%` }}
          />
        );
      })}
      {orders.map((o) => {
        const at = o.window && placeOnAxis(o.window, range);
        if (!at || !o.window) return null;
        const label = `${KIND_LABEL[o.kind]} ${o.workOrderId}, ${o.status}, ${shortTime(o.window.from)}: ${o.summary}`;
        return (
          <button
            type="button"
            key={o.workOrderId}
            className={`booking kind-${o.kind} status-${o.status}`}
            style={{ left: `${at.left}%`, width: `${at.width}%` }}
            aria-label={label}
            title={label}
            onClick={() => onSelect(o)}
          >
            {KIND_LABEL[o.kind]} · {o.status}
          </button>
        );
      })}
    </div>
  );
}
