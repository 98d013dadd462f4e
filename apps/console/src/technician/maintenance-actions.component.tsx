import { FormEvent, useId, useState } from 'react';

import { WorkOrder } from '../api/dispatch.api';
import { useApi } from '../auth/session.context';
import { ProblemMessage } from '../shared/problem-message.component';
import { useAction } from '../shared/use-action.hook';
import { completedVisit, MaintenanceJob, maintenanceStatus } from './maintenance-job.data';
import { OrderSteps } from './order-steps.component';
import { Maintenance, MaintenanceAnswer, technicianApi } from './technician.api';

type Answers = Record<string, { ok?: boolean; note: string }>;

/** The answered items only: an item left open is for the service to name (400 `checklist…`), not to guess. */
function answered(checklist: { item: string }[], answers: Answers): MaintenanceAnswer[] {
  return checklist.flatMap(({ item }) => {
    const a = answers[item];
    if (a?.ok === undefined) return [];
    const note = a.note.trim();
    return [{ item, ok: a.ok, ...(note ? { note } : {}) }];
  });
}

/** One checklist item: OK or not OK, and a note (what was found, what was done). */
function ChecklistItem(props: { item: string; label: string; answers: Answers; onChange: (a: Answers) => void }) {
  const id = useId();
  const current = props.answers[props.item] ?? { note: '' };
  const set = (next: Partial<typeof current>) =>
    props.onChange({ ...props.answers, [props.item]: { ...current, ...next } });
  return (
    <fieldset>
      <legend>{props.label}</legend>
      <label className="check">
        <input type="radio" name={id} checked={current.ok === true} onChange={() => set({ ok: true })} />
        OK
      </label>
      <label className="check">
        <input type="radio" name={id} checked={current.ok === false} onChange={() => set({ ok: false })} />
        Not OK
      </label>
      <label htmlFor={`${id}-note`}>Note</label>
      <input id={`${id}-note`} value={current.note} onChange={(e) => set({ note: e.target.value })} />
    </fieldset>
  );
}

/** The plan's checklist, every item answered, completes the visit (sales-installation). */
function ChecklistForm(props: { order: WorkOrder; maintenance: Maintenance; onCompleted: (v: Maintenance) => void }) {
  const api = technicianApi(useApi());
  const action = useAction(() => undefined);
  const [answers, setAnswers] = useState<Answers>({});
  const checklist = props.maintenance.plan?.checklist ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() =>
      api.completeMaintenance(props.order.workOrderId, answered(checklist, answers)).then(props.onCompleted),
    );
  };
  return (
    <form className="step-form" onSubmit={submit} aria-label="Maintenance checklist">
      {checklist.map((c) => (
        <ChecklistItem key={c.item} item={c.item} label={c.label} answers={answers} onChange={setAnswers} />
      ))}
      <button type="submit" disabled={action.busy}>
        Complete maintenance visit
      </button>
      <ProblemMessage error={action.error} />
    </form>
  );
}

const day = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** What the completed visit recorded, and when the appliance is due again. */
function Completed({ order, maintenance }: { order: WorkOrder; maintenance?: Maintenance }) {
  const visit = completedVisit(order, maintenance);
  if (!visit) return <p>Visit completed.</p>;
  const notOk = visit.checklist.filter((a) => !a.ok).length;
  return (
    <p className="maintenance-done">
      Visit completed: {visit.checklist.length - notOk} items OK, {notOk} not OK.
      {maintenance?.dueAt && ` Next service due ${day(maintenance.dueAt)}.`}
    </p>
  );
}

/** Accept and on the way (dispatch), then the checklist; once done, what was recorded. */
export function MaintenanceActions(props: {
  order: WorkOrder;
  job: MaintenanceJob;
  onCompleted: (view: Maintenance) => void;
  onDone: () => void;
}) {
  const { order, job } = props;
  const status = maintenanceStatus(order, job);
  if (status === 'done') return <Completed order={order} maintenance={job.maintenance} />;
  if (status !== 'visit-booked' || !job.maintenance) return null;
  const completed = (view: Maintenance) => {
    props.onCompleted(view);
    props.onDone();
  };
  return (
    <>
      <OrderSteps order={order} onDone={props.onDone} />
      <ChecklistForm order={order} maintenance={job.maintenance} onCompleted={completed} />
    </>
  );
}
