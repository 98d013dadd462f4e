import { useState } from 'react';

import { ErrorMessage } from '../shared/error-message.component';
import { CustomerApi, DiagnosticCase } from './customer.api';

/** The steps diagnostics sent to try first, and the customer's answer: fixed, or a visit is booked. */
export function Guidance(props: { api: CustomerApi; diagnosticCase: DiagnosticCase; onAnswered: () => void }) {
  const { caseId, triage } = props.diagnosticCase;
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const answer = (fixed: boolean) => {
    setBusy(true);
    setError(undefined);
    props.api
      .guidanceOutcome(caseId, fixed)
      .then(props.onAnswered, setError)
      .finally(() => setBusy(false));
  };
  return (
    <section className="guidance" aria-labelledby={`guidance-${caseId}`}>
      <h3 id={`guidance-${caseId}`}>Try this first</h3>
      <ol>
        {(triage.guidance ?? []).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p>Did it help?</p>
      <button type="button" disabled={busy} onClick={() => answer(true)}>
        Yes, it is fixed
      </button>
      <button type="button" disabled={busy} onClick={() => answer(false)}>
        No, send a technician
      </button>
      <ErrorMessage error={error} />
    </section>
  );
}
