import { useApi } from '../auth/session.context';
import { ProblemMessage } from '../shared/problem-message.component';
import { usePolled } from '../shared/use-polled.hook';
import { libraryApi } from './library.api';
import { shortTime } from './library.labels';

/**
 * The late-issues list: issues not received by their expected date plus grace (claimed from the
 * vendor). Where library-services has no serials (404) the panel is not shown at all.
 */
export function LateSerialsPanel() {
  const library = libraryApi(useApi());
  const late = usePolled(() => library.lateSerials(), 'late-serials', 15_000);
  if (late.data === undefined && !late.error) return null;
  return (
    <section aria-labelledby="late-title">
      <h2 id="late-title">Late serials</h2>
      <ProblemMessage error={late.error} />
      {late.data && late.data.length === 0 && <p>No issue is late.</p>}
      {late.data && late.data.length > 0 && (
        <table className="late-serials">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Issue</th>
              <th scope="col">Expected</th>
              <th scope="col">Branch</th>
              <th scope="col">Vendor</th>
              <th scope="col">Claims</th>
            </tr>
          </thead>
          <tbody>
            {late.data.map((i) => (
              <tr key={`${i.subscriptionId}:${i.volume}:${i.number}`}>
                <th scope="row">{i.title}</th>
                <td>
                  vol. {i.volume} no. {i.number}
                </td>
                <td>{i.expectedOn}</td>
                <td>{i.branch}</td>
                <td>{i.vendor.name}</td>
                <td>{i.claimCount ? `${i.claimCount}, last ${shortTime(i.lastClaimedAt)}` : 'not yet claimed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
