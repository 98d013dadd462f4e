import { ErrorMessage } from '../shared/error-message.component';
import { Polled } from '../shared/use-polled.hook';
import { CustomerApi, DiagnosticCase } from './customer.api';
import { windowText, words } from './format';
import { Guidance } from './guidance.component';
import { ReportProblemForm } from './report-problem.form';

export const OPEN_CASE_STATES = ['guidance-sent', 'visit-requested', 'visit-scheduled'];
const OPEN = OPEN_CASE_STATES;

/** The appliance's open diagnostic case (guidance to answer, a visit awaited), or the form to report one. */
export function ProblemPanel(props: { api: CustomerApi; applianceId: string; cases: Polled<DiagnosticCase[]> }) {
  const { api, applianceId, cases } = props;
  const open = cases.data?.find((c) => OPEN.includes(c.state));
  const last = cases.data?.find((c) => !OPEN.includes(c.state));
  return (
    <div className="problem-panel">
      <ErrorMessage error={cases.error} />
      {open ? <OpenCase api={api} diagnosticCase={open} onChanged={cases.reload} /> : null}
      {!open && last ? <p className="case-result">Last problem: {caseResult(last)}</p> : null}
      {!open && cases.data ? <ReportProblemForm api={api} applianceId={applianceId} onReported={cases.reload} /> : null}
    </div>
  );
}

function OpenCase(props: { api: CustomerApi; diagnosticCase: DiagnosticCase; onChanged: () => void }) {
  const c = props.diagnosticCase;
  if (c.state === 'guidance-sent') return <Guidance api={props.api} diagnosticCase={c} onAnswered={props.onChanged} />;
  return (
    <p className="case-state">
      Problem {c.caseId}: {words(c.state)}
      {c.visitWindow ? `, technician visit ${windowText(c.visitWindow)}` : ''}
    </p>
  );
}

function caseResult(c: DiagnosticCase): string {
  return `${c.symptoms ?? c.errorCode ?? c.caseId}: ${words(c.state)}${c.outcome ? ` (${words(c.outcome)})` : ''}`;
}
