import { FormEvent, useId, useState } from 'react';

import { useApi } from '../auth/session.context';
import { ProblemMessage } from '../shared/problem-message.component';
import { useAction } from '../shared/use-action.hook';
import { Case, KnownFault, technicianApi } from './technician.api';

const OUTCOMES = ['resolved', 'no-fault-found', 'repair-required'] as const;

interface Report {
  test: string;
  passed: boolean;
  outcome: (typeof OUTCOMES)[number];
  faultId: string;
  notes: string;
}

/** The body diagnostics takes: one test, the outcome and (for a repair) the confirmed fault. */
function resultsBody(r: Report) {
  return {
    tests: [{ name: r.test, passed: r.passed }],
    outcome: r.outcome,
    ...(r.faultId ? { confirmedFault: { faultId: r.faultId } } : {}),
    ...(r.notes.trim() ? { notes: r.notes.trim() } : {}),
  };
}

/** The knowledge base's faults of the appliance: the one confirmed brings its parts and skill to the repair. */
function FaultSelect(props: { id: string; faults: KnownFault[]; value: string; onChange: (faultId: string) => void }) {
  return (
    <>
      <label htmlFor={props.id}>Confirmed fault</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">none</option>
        {props.faults.map((f) => (
          <option key={f.id} value={f.id}>
            {f.component}: {f.description}
          </option>
        ))}
      </select>
    </>
  );
}

/** The diagnostic visit's test results and outcome (diagnostics POST /cases/{id}/results). */
export function VisitResultsForm(props: { visit: Case; faults: KnownFault[]; onDone: () => void }) {
  const id = useId();
  const api = technicianApi(useApi());
  const action = useAction(props.onDone);
  const [r, setR] = useState<Report>({ test: '', passed: false, outcome: 'repair-required', faultId: '', notes: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() => api.recordResults(props.visit.caseId, resultsBody(r)));
  };
  return (
    <form className="step-form" onSubmit={submit}>
      <label htmlFor={`${id}-test`}>Test carried out</label>
      <input id={`${id}-test`} value={r.test} onChange={(e) => setR({ ...r, test: e.target.value })} />
      <label className="check">
        <input type="checkbox" checked={r.passed} onChange={(e) => setR({ ...r, passed: e.target.checked })} />
        Test passed
      </label>
      <label htmlFor={`${id}-outcome`}>Outcome</label>
      <select
        id={`${id}-outcome`}
        value={r.outcome}
        onChange={(e) => setR({ ...r, outcome: e.target.value as Report['outcome'] })}
      >
        {OUTCOMES.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
      <FaultSelect
        id={`${id}-fault`}
        faults={props.faults}
        value={r.faultId}
        onChange={(faultId) => setR({ ...r, faultId })}
      />
      <label htmlFor={`${id}-notes`}>Notes</label>
      <textarea id={`${id}-notes`} value={r.notes} onChange={(e) => setR({ ...r, notes: e.target.value })} />
      <button type="submit" disabled={action.busy}>
        Record results
      </button>
      <ProblemMessage error={action.error} />
    </form>
  );
}
