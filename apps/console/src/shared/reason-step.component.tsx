import { FormEvent, useId, useState } from 'react';

/**
 * A step that needs a reason (decline, fail, reschedule, a record sent back): the reason is asked for
 * before sending, without the spaces around it.
 */
export function ReasonStep(props: { label: string; busy: boolean; onSubmit: (reason: string) => void }) {
  const id = useId();
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit(reason.trim());
  };
  return (
    <form className="step-form" onSubmit={submit}>
      <label htmlFor={id}>Reason to {props.label.toLowerCase()}</label>
      <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" disabled={props.busy}>
        {props.label}
      </button>
    </form>
  );
}
