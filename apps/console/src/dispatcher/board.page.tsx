import { ErrorMessage } from '../shared/error-message.component';
import { useBoardState } from './board-state.hook';
import { BoardToolbar } from './board-toolbar.component';
import { matchesOrder, matchesTechnician } from './board.data';
import { KpiTiles } from './kpi-tiles.component';
import { PlaceOrderDialog } from './place-order.dialog';
import { ScheduleGrid } from './schedule-grid.component';
import { WorkPanel } from './work-panel.component';

/** The dispatcher's schedule board: the roster's bookings, the work needing attention, and the KPIs. */
export function BoardPage() {
  const { api, settings, range, schedule, board, technicians, placing, setPlacing, place } = useBoardState();
  const { filters } = settings;
  return (
    <section className="board" aria-labelledby="board-title">
      <h1 id="board-title">Schedule board</h1>
      <KpiTiles api={api} />
      <BoardToolbar {...settings} />
      <ErrorMessage error={schedule.error ?? board.error} />
      <div className="board-body">
        {schedule.data ? (
          <ScheduleGrid
            technicians={technicians.filter((t) => matchesTechnician(t, filters))}
            bookings={schedule.data.bookings}
            range={range}
            view={settings.view}
            onSelect={setPlacing}
          />
        ) : (
          <p>Loading the roster…</p>
        )}
        {board.data && <WorkPanel board={board.data} matches={(o) => matchesOrder(o, filters)} onPlace={setPlacing} />}
      </div>
      {placing && (
        <PlaceOrderDialog
          order={placing}
          technicians={technicians}
          place={place}
          onClose={() => setPlacing(undefined)}
        />
      )}
    </section>
  );
}
