import { FormEvent, useState } from 'react';

import { ErrorMessage } from '../shared/error-message.component';
import { CustomerApi, Slot } from './customer.api';
import { windowText } from './format';

/** Moves the booked visit to one of dispatch's offered windows, or cancels it (with a reason). */
export function AppointmentPanel(props: { api: CustomerApi; workOrderId: string; onChanged: () => void }) {
  const { api, workOrderId } = props;
  const [slots, setSlots] = useState<Slot[]>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const act = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    work()
      .then(() => {
        setSlots(undefined);
        props.onChanged();
      }, setError)
      .finally(() => setBusy(false));
  };
  const showSlots = () => {
    setError(undefined);
    api.slots(workOrderId).then(setSlots, setError);
  };
  return (
    <div className="appointment-panel">
      {slots ? (
        <SlotList slots={slots} busy={busy} onPick={(slot) => act(() => api.reschedule(workOrderId, slot))} />
      ) : (
        <button type="button" onClick={showSlots}>
          Change the appointment
        </button>
      )}
      <CancelForm
        workOrderId={workOrderId}
        busy={busy}
        onCancel={(reason) => act(() => api.cancel(workOrderId, reason))}
      />
      <ErrorMessage error={error} />
    </div>
  );
}

function SlotList(props: { slots: Slot[]; busy: boolean; onPick: (slot: Slot) => void }) {
  if (props.slots.length === 0) return <p>No other times are free in the next days.</p>;
  return (
    <ul className="slots" aria-label="Offered times">
      {props.slots.map((slot) => (
        <li key={`${slot.technicianId}-${slot.window.from}`}>
          <button type="button" disabled={props.busy} onClick={() => props.onPick(slot)}>
            Move to {windowText(slot.window)} with {slot.technicianName}
          </button>
        </li>
      ))}
    </ul>
  );
}

function CancelForm(props: { workOrderId: string; busy: boolean; onCancel: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onCancel(reason);
  };
  const fieldId = `cancel-${props.workOrderId}`;
  return (
    <details>
      <summary>Cancel the appointment</summary>
      <form onSubmit={submit}>
        <label htmlFor={fieldId}>Why?</label>
        <input id={fieldId} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" disabled={props.busy}>
          Cancel the appointment
        </button>
      </form>
    </details>
  );
}
