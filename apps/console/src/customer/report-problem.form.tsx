import { FormEvent, useState } from 'react';

import { ErrorMessage } from '../shared/error-message.component';
import { CustomerApi, DiagnosticCase } from './customer.api';

/** Tells diagnostics what is wrong; its triage answers with guidance to try, or a visit. */
export function ReportProblemForm(props: {
  api: CustomerApi;
  applianceId: string;
  onReported: (c: DiagnosticCase) => void;
}) {
  const [symptoms, setSymptoms] = useState('');
  const [errorCode, setErrorCode] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fieldId = `problem-${props.applianceId}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    props.api
      .reportProblem(props.applianceId, { symptoms, ...(errorCode.trim() ? { errorCode: errorCode.trim() } : {}) })
      .then(props.onReported, setError)
      .finally(() => setBusy(false));
  };

  return (
    <form className="report-problem" onSubmit={submit} aria-label="Report a problem">
      <label htmlFor={`${fieldId}-symptoms`}>What is wrong?</label>
      <textarea id={`${fieldId}-symptoms`} value={symptoms} onChange={(e) => setSymptoms(e.target.value)} rows={2} />
      <label htmlFor={`${fieldId}-code`}>Error code on the display (if any)</label>
      <input id={`${fieldId}-code`} value={errorCode} onChange={(e) => setErrorCode(e.target.value)} />
      <button type="submit" disabled={busy}>
        Report the problem
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}
