import { FormEvent, useEffect, useRef, useState } from 'react';

import { ApiError } from '../api/api-client';
import { Placement, Technician, WorkOrder } from '../api/dispatch.api';
import { ErrorMessage } from '../shared/error-message.component';

interface Props {
  order: WorkOrder;
  technicians: Technician[];
  /** places the order; an ApiError naming overrideReason asks the dispatcher why */
  place: (placement: Placement) => Promise<void>;
  onClose: () => void;
}

/** 10:00 UTC tomorrow, as a datetime-local value. */
const defaultStart = (): string => {
  const at = new Date(Date.now() + 86_400_000);
  at.setUTCHours(10, 0, 0, 0);
  return at.toISOString().slice(0, 16);
};

/**
 * The placement's state: a first try without a reason; when dispatch answers 400 naming
 * overrideReason (the technician fails a qualification check), its detail says which checks, and
 * the next try carries the dispatcher's reason.
 */
function usePlacement(order: WorkOrder, technicians: Technician[], props: Pick<Props, 'place' | 'onClose'>) {
  const [technicianId, setTechnicianId] = useState(order.technicianId ?? technicians[0]?.technicianId ?? '');
  const [start, setStart] = useState(order.window?.from.slice(0, 16) ?? defaultStart());
  const [failedChecks, setFailedChecks] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await props.place({ technicianId, start: `${start}:00Z`, ...(failedChecks ? { overrideReason: reason } : {}) });
      props.onClose();
    } catch (err) {
      if (err instanceof ApiError && err.names('overrideReason') && !failedChecks) setFailedChecks(err.message);
      else setError(err);
    }
  };
  return { technicianId, setTechnicianId, start, setStart, failedChecks, reason, setReason, error, submit };
}

/** Place (or move) a work order: a technician and a start; a failed qualification check needs a reason. */
export function PlaceOrderDialog({ order, technicians, place, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const p = usePlacement(order, technicians, { place, onClose });
  useEffect(() => ref.current?.showModal(), []);
  return (
    <dialog ref={ref} className="place-dialog" aria-labelledby="place-title" onClose={onClose}>
      <form onSubmit={p.submit}>
        <h2 id="place-title">Place {order.workOrderId}</h2>
        <p>
          {order.summary} · {order.region} · needs {order.requiredSkill} · {order.durationMinutes} min
        </p>
        <label htmlFor="place-technician">Technician</label>
        <select id="place-technician" value={p.technicianId} onChange={(e) => p.setTechnicianId(e.target.value)}>
          {technicians.map((t) => (
            <option key={t.technicianId} value={t.technicianId}>
              {t.name} ({t.technicianId}, {t.homeRegion})
            </option>
          ))}
        </select>
        <label htmlFor="place-start">Start (UTC)</label>
        <input
          id="place-start"
          type="datetime-local"
          value={p.start}
          onChange={(e) => p.setStart(e.target.value)}
          required
        />
        {p.failedChecks && <OverrideReason checks={p.failedChecks} reason={p.reason} onReason={p.setReason} />}
        <ErrorMessage error={p.error} />
        <div className="actions">
          <button type="submit">{p.failedChecks ? 'Place with override' : 'Place'}</button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

function OverrideReason(props: { checks: string; reason: string; onReason: (reason: string) => void }) {
  return (
    <>
      <p className="checks" role="alert">
        {props.checks}
      </p>
      <label htmlFor="place-reason">Reason for the override</label>
      <textarea
        id="place-reason"
        value={props.reason}
        onChange={(e) => props.onReason(e.target.value)}
        required
        maxLength={500}
      />
    </>
  );
}
