import { useSession } from '../auth/session.context';
import { ProblemMessage } from '../shared/problem-message.component';
import { useMyQueue } from './my-queue.hook';
import { QueueItemCard } from './queue-item.card';

import './library.css';

/** A library technician's processing queue (issue 21): the work dispatch assigned them, in order. */
export function MyQueuePage() {
  const { session } = useSession();
  const technicianId = session?.technicianId ?? '';
  const queue = useMyQueue(technicianId);
  return (
    <section aria-labelledby="queue-title" className="library">
      <h1 id="queue-title">My queue</h1>
      <p>Library technician {technicianId}: the items assigned to you, in the order they are yours.</p>
      <ProblemMessage error={queue.error} />
      {queue.data && queue.data.length === 0 && <p>Nothing in your queue.</p>}
      <ol className="queue">
        {(queue.data ?? []).map((entry) => (
          <QueueItemCard key={entry.task.taskId} entry={entry} onDone={queue.reload} />
        ))}
      </ol>
    </section>
  );
}
