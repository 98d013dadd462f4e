import { BoardFilters } from './board.data';
import { addDays, BoardView } from './time-axis';

interface Props {
  day: string;
  view: BoardView;
  filters: BoardFilters;
  regions: string[];
  skills: string[];
  onDay: (day: string) => void;
  onView: (view: BoardView) => void;
  onFilters: (filters: BoardFilters) => void;
}

/** The day (or week) shown, and the region and skill filters. */
export function BoardToolbar({ day, view, filters, regions, skills, onDay, onView, onFilters }: Props) {
  const step = view === 'week' ? 7 : 1;
  return (
    <div className="toolbar" role="group" aria-label="Board settings">
      <button type="button" onClick={() => onDay(addDays(day, -step))}>
        Previous
      </button>
      <label htmlFor="board-day">Day</label>
      <input id="board-day" type="date" value={day} onChange={(e) => e.target.value && onDay(e.target.value)} />
      <button type="button" onClick={() => onDay(addDays(day, step))}>
        Next
      </button>
      <button type="button" aria-pressed={view === 'week'} onClick={() => onView(view === 'week' ? 'day' : 'week')}>
        {view === 'week' ? 'Show day' : 'Show week'}
      </button>
      <label htmlFor="board-region">Region</label>
      <select
        id="board-region"
        value={filters.region}
        onChange={(e) => onFilters({ ...filters, region: e.target.value })}
      >
        <option value="">All regions</option>
        {regions.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      <label htmlFor="board-skill">Skill</label>
      <select id="board-skill" value={filters.skill} onChange={(e) => onFilters({ ...filters, skill: e.target.value })}>
        <option value="">All skills</option>
        {skills.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
    </div>
  );
}
