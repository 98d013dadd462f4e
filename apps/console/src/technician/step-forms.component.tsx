import { FormEvent, useId, useState } from 'react';

/** Half an hour from now as a local `datetime-local` value: the usual default arrival. */
function defaultEta(): string {
  const at = new Date(Date.now() + 30 * 60_000);
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** On the way, with the arrival time the customer is told. */
export function EtaStep(props: { busy: boolean; onSubmit: (eta: string) => void }) {
  const id = useId();
  const [eta, setEta] = useState(defaultEta);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // the input is local time; the API wants an instant
    props.onSubmit(new Date(eta).toISOString());
  };
  return (
    <form className="step-form" onSubmit={submit}>
      <label htmlFor={id}>Arrival (ETA)</label>
      <input id={id} type="datetime-local" value={eta} onChange={(e) => setEta(e.target.value)} />
      <button type="submit" disabled={props.busy}>
        En route
      </button>
    </form>
  );
}
