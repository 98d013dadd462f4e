import { useApi } from '../auth/session.context';
import { ProblemMessage } from '../shared/problem-message.component';
import { ReasonStep } from '../shared/reason-step.component';
import { useAction } from '../shared/use-action.hook';
import { usePolled } from '../shared/use-polled.hook';
import { ItemFacts } from './item-facts.component';
import { libraryApi, LibraryItem } from './library.api';

/** The original record a technician submitted, as the librarian judges it. */
function RecordFacts({ item }: { item: LibraryItem }) {
  const record = item.record;
  if (!record) return null;
  return (
    <>
      <dt>Call number</dt>
      <dd>{record.callNumber}</dd>
      <dt>Subjects</dt>
      <dd>{record.subjects.length ? record.subjects.join('; ') : 'none'}</dd>
      {record.sourceRecordId && (
        <>
          <dt>Source record</dt>
          <dd>{record.sourceRecordId}</dd>
        </>
      )}
      {record.notes && (
        <>
          <dt>Notes</dt>
          <dd>{record.notes}</dd>
        </>
      )}
    </>
  );
}

function Approval({ item, onDone }: { item: LibraryItem; onDone: () => void }) {
  const library = libraryApi(useApi());
  const action = useAction(onDone);
  return (
    <li className="queue-card" data-item={item.itemId} aria-label={`Approval ${item.title}`}>
      <h3>{item.title}</h3>
      <ItemFacts item={item}>
        <RecordFacts item={item} />
      </ItemFacts>
      <div className="steps">
        <button type="button" disabled={action.busy} onClick={() => action.run(() => library.approve(item.itemId))}>
          Approve record
        </button>
        <ReasonStep
          label="Return record"
          busy={action.busy}
          onSubmit={(reason) => action.run(() => library.returnRecord(item.itemId, reason))}
        />
        <ProblemMessage error={action.error} />
      </div>
    </li>
  );
}

/** Original records waiting for a librarian: approve (processing next) or return with the reason. */
export function ApprovalsPanel() {
  const library = libraryApi(useApi());
  const waiting = usePolled(() => library.itemsIn('awaiting-approval'), 'awaiting-approval');
  return (
    <section aria-labelledby="approvals-title">
      <h2 id="approvals-title">Approvals waiting</h2>
      <ProblemMessage error={waiting.error} />
      {waiting.data && waiting.data.length === 0 && <p>No records wait for approval.</p>}
      <ul className="queue">
        {(waiting.data ?? []).map((item) => (
          <Approval key={item.itemId} item={item} onDone={waiting.reload} />
        ))}
      </ul>
    </section>
  );
}
