import { ReactNode } from 'react';

import { useApi } from '../auth/session.context';
import { ProblemMessage } from '../shared/problem-message.component';
import { useAction } from '../shared/use-action.hook';
import { CataloguingForm, RepairForm } from './cataloguing.form';
import { ItemFacts } from './item-facts.component';
import { libraryApi, LibraryItem, LibraryTask } from './library.api';
import { KIND_LABEL, shortTime } from './library.labels';
import { QueueEntry } from './my-queue.hook';

/** Work the console has no step for: what the technician does instead. */
const ELSEWHERE: Partial<Record<LibraryTask['kind'], string>> = {
  'binding-prep': 'Prepare the volume for the bindery (collate, slip); the bindery shipment is sent from there.',
  'serial-check-in': 'Check the issue in on the serials desk.',
};

/** The step the task's kind allows in the item's current status (none while the item is elsewhere). */
function Step({ task, item, onDone }: { task: LibraryTask; item: LibraryItem; onDone: () => void }) {
  const library = libraryApi(useApi());
  const action = useAction(onDone);
  const id = item.itemId;
  const cataloguing = task.kind === 'copy-cataloguing' || task.kind === 'original-cataloguing';
  let step: ReactNode;
  if (cataloguing && item.status === 'cataloguing') {
    step = <CataloguingForm item={item} action={action} onSubmit={(r) => action.run(() => library.catalogue(id, r))} />;
  } else if (task.kind === 'physical-processing' && item.status === 'processing') {
    step = (
      <button type="button" disabled={action.busy} onClick={() => action.run(() => library.completeProcessing(id))}>
        Processing complete
      </button>
    );
  } else if (task.kind === 'item-repair' && item.status === 'in-repair') {
    step = <RepairForm action={action} onSubmit={(notes) => action.run(() => library.completeRepair(id, notes))} />;
  }
  return (
    <div className="steps">
      {step || <p>{ELSEWHERE[task.kind] ?? 'No step for this item in its current status.'}</p>}
      <ProblemMessage error={action.error} />
    </div>
  );
}

/** The item's facts, from when the work is the technician's, and the holds waiting for it. */
function Facts({ task, item }: { task: LibraryTask; item: LibraryItem }) {
  return (
    <ItemFacts item={item}>
      <dt>Yours from</dt>
      <dd>{shortTime(task.availableFrom)}</dd>
      {item.holds.length > 0 && (
        <>
          <dt>Holds</dt>
          <dd>{item.holds.length} waiting</dd>
        </>
      )}
    </ItemFacts>
  );
}

/** One queue item: the kind of work, from when it is the technician's, the item, and its step. */
export function QueueItemCard({ entry, onDone }: { entry: QueueEntry; onDone: () => void }) {
  const { task, item } = entry;
  return (
    <li
      className="queue-card"
      data-task={task.taskId}
      data-item={task.itemId}
      aria-label={`${KIND_LABEL[task.kind]} ${task.title}`}
    >
      <h2>
        {KIND_LABEL[task.kind]} · {task.title}
      </h2>
      {item ? (
        <>
          <Facts task={task} item={item} />
          <Step task={task} item={item} onDone={onDone} />
        </>
      ) : (
        <p>
          {task.branch}, yours from {shortTime(task.availableFrom)}. {ELSEWHERE[task.kind]}
        </p>
      )}
    </li>
  );
}
