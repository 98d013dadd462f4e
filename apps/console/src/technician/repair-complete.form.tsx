import { FormEvent, useId, useState } from 'react';

import { Action } from '../shared/use-action.hook';
import { PartsPicker } from './parts-picker.component';
import { Part, TechnicianApi, Ticket } from './technician.api';

/** The completion report: work done, parts used, labour and who signed it off for the customer. */
export function RepairCompleteForm(props: { ticket: Ticket; api: TechnicianApi; action: Action }) {
  const id = useId();
  const [workDone, setWorkDone] = useState('');
  const [partsUsed, setPartsUsed] = useState<Part[]>([]);
  const [labour, setLabour] = useState('60');
  const [signedOffBy, setSignedOffBy] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { workDone, partsUsed, labourMinutes: Number(labour), signedOffBy };
    void props.action.run(() => props.api.ticketStep(props.ticket.ticketId, 'complete', body));
  };
  return (
    <form className="step-form" onSubmit={submit}>
      <label htmlFor={`${id}-work`}>Work done</label>
      <textarea id={`${id}-work`} value={workDone} onChange={(e) => setWorkDone(e.target.value)} />
      <PartsPicker legend="Parts used" parts={props.ticket.parts} chosen={partsUsed} onChange={setPartsUsed} />
      <label htmlFor={`${id}-labour`}>Labour (minutes)</label>
      <input id={`${id}-labour`} type="number" min={0} value={labour} onChange={(e) => setLabour(e.target.value)} />
      <label htmlFor={`${id}-sign`}>Signed off by (customer)</label>
      <input id={`${id}-sign`} value={signedOffBy} onChange={(e) => setSignedOffBy(e.target.value)} />
      <button type="submit" disabled={props.action.busy}>
        Complete repair
      </button>
    </form>
  );
}

/** The parts to order and when they are expected: the repair waits for them (awaiting-parts). */
export function AwaitingPartsForm(props: { ticket: Ticket; api: TechnicianApi; action: Action }) {
  const id = useId();
  const [parts, setParts] = useState<Part[]>(props.ticket.parts);
  const [expected, setExpected] = useState(() => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { parts, expectedAt: new Date(`${expected}T12:00:00Z`).toISOString() };
    void props.action.run(() => props.api.ticketStep(props.ticket.ticketId, 'awaiting-parts', body));
  };
  return (
    <form className="step-form" onSubmit={submit}>
      <PartsPicker legend="Parts to order" parts={props.ticket.parts} chosen={parts} onChange={setParts} />
      <label htmlFor={`${id}-expected`}>Parts expected on</label>
      <input id={`${id}-expected`} type="date" value={expected} onChange={(e) => setExpected(e.target.value)} />
      <button type="submit" disabled={props.action.busy}>
        Awaiting parts
      </button>
    </form>
  );
}
