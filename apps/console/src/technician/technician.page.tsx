import { useSession } from '../auth/session.context';
import { ProblemMessage } from '../shared/problem-message.component';
import { JobCard } from './job-card.component';
import { useMyDay } from './my-day.hook';

import './technician.css';

/** The technician's day (issue 18): their jobs from today on, in order, each with its steps. */
export function TechnicianPage() {
  const { session } = useSession();
  const technicianId = session?.technicianId ?? '';
  const day = useMyDay(technicianId);
  return (
    <section aria-labelledby="technician-title" className="technician">
      <h1 id="technician-title">My day</h1>
      <p>Technician {technicianId}: today and the coming days.</p>
      <ProblemMessage error={day.error} />
      {day.data && day.data.length === 0 && <p>No jobs booked.</p>}
      <ol className="jobs">
        {(day.data ?? []).map((order) => (
          <JobCard key={order.workOrderId} order={order} onChanged={day.reload} />
        ))}
      </ol>
    </section>
  );
}
