import { FormEvent, useState } from 'react';

import { useApi } from '../auth/session.context';
import { ProblemMessage } from '../shared/problem-message.component';
import { ReasonStep } from '../shared/reason-step.component';
import { useAction } from '../shared/use-action.hook';
import { Installation, technicianApi } from './technician.api';

type Steps = ReturnType<typeof technicianApi>;

/** Every checklist item answered and the customer trained: what completing an installation needs. */
function CompleteForm(props: { installation: Installation; steps: Steps; onDone: () => void }) {
  const { installation, steps } = props;
  const action = useAction(props.onDone);
  const [done, setDone] = useState<Record<string, boolean>>({});
  const [trained, setTrained] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checklist = installation.checklist.map((c) => ({ item: c.item, done: Boolean(done[c.item]) }));
    void action.run(() =>
      steps.installationStep(installation.installationId, 'complete', { checklist, customerTrained: trained }),
    );
  };
  return (
    <form className="step-form" onSubmit={submit}>
      <fieldset>
        <legend>Checklist</legend>
        {installation.checklist.map((c) => (
          <label key={c.item} className="check">
            <input
              type="checkbox"
              checked={Boolean(done[c.item])}
              onChange={(e) => setDone({ ...done, [c.item]: e.target.checked })}
            />
            {c.label}
          </label>
        ))}
        <label className="check">
          <input type="checkbox" checked={trained} onChange={(e) => setTrained(e.target.checked)} />
          Customer trained
        </label>
      </fieldset>
      <button type="submit" disabled={action.busy}>
        Complete installation
      </button>
      <ProblemMessage error={action.error} />
    </form>
  );
}

/** Start, complete, fail or reschedule: the installation job's own steps (sales-installation). */
export function InstallationActions(props: { installation: Installation; onDone: () => void }) {
  const { installation, onDone } = props;
  const steps = technicianApi(useApi());
  const action = useAction(onDone);
  const id = installation.installationId;
  const open = ['scheduled', 'in-progress'].includes(installation.status);
  return (
    <div className="steps">
      {installation.status === 'scheduled' && (
        <button
          type="button"
          disabled={action.busy}
          onClick={() => action.run(() => steps.installationStep(id, 'start'))}
        >
          Start installation
        </button>
      )}
      {installation.status === 'in-progress' && (
        <CompleteForm installation={installation} steps={steps} onDone={onDone} />
      )}
      {open && (
        <>
          <ReasonStep
            label="Fail"
            busy={action.busy}
            onSubmit={(reason) => action.run(() => steps.installationStep(id, 'fail', { reason }))}
          />
          <ReasonStep
            label="Reschedule"
            busy={action.busy}
            onSubmit={(reason) => action.run(() => steps.installationStep(id, 'reschedule', { reason }))}
          />
        </>
      )}
      <ProblemMessage error={action.error} />
    </div>
  );
}
