import { useApi } from '../auth/session.context';
import { ProblemMessage } from '../shared/problem-message.component';
import { ReasonStep } from '../shared/reason-step.component';
import { useAction } from '../shared/use-action.hook';
import { AwaitingPartsForm, RepairCompleteForm } from './repair-complete.form';
import { EtaStep } from './step-forms.component';
import { technicianApi, Ticket } from './technician.api';

/** The repair ticket's steps, as far as its status allows them (the ticket says which: allowedActions). */
export function RepairActions({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const api = technicianApi(useApi());
  const action = useAction(onDone);
  const id = ticket.ticketId;
  const allows = (step: string) => ticket.allowedActions.includes(step);
  const simple = (step: string, label: string) =>
    allows(step) && (
      <button type="button" disabled={action.busy} onClick={() => action.run(() => api.ticketStep(id, step))}>
        {label}
      </button>
    );
  return (
    <div className="steps">
      {simple('accept', 'Accept')}
      {allows('en-route') && (
        <EtaStep busy={action.busy} onSubmit={(eta) => action.run(() => api.ticketStep(id, 'en-route', { eta }))} />
      )}
      {simple('start', 'Start repair')}
      {allows('complete') && <RepairCompleteForm ticket={ticket} api={api} action={action} />}
      {allows('awaiting-parts') && <AwaitingPartsForm ticket={ticket} api={api} action={action} />}
      {allows('decline') && (
        <ReasonStep
          label="Decline"
          busy={action.busy}
          onSubmit={(reason) => action.run(() => api.ticketStep(id, 'decline', { reason }))}
        />
      )}
      <ProblemMessage error={action.error} />
    </div>
  );
}
