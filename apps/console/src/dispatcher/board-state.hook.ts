import { useMemo, useState } from 'react';

import { dispatchApi, Placement, WorkOrder } from '../api/dispatch.api';
import { useApi } from '../auth/session.context';
import { usePolled } from '../shared/use-polled.hook';
import { BoardFilters, rosterValues, useSchedule } from './board.data';
import { axisRange, BoardView, todayUtc } from './time-axis';

/** What the board shows (day or week, filters, the order being placed) and the data for it, kept current. */
export function useBoardState() {
  const api = useApi();
  const dispatch = useMemo(() => dispatchApi(api), [api]);
  const [day, setDay] = useState(todayUtc);
  const [view, setView] = useState<BoardView>('day');
  const [filters, setFilters] = useState<BoardFilters>({ region: '', skill: '' });
  const [placing, setPlacing] = useState<WorkOrder | undefined>();
  const range = useMemo(() => axisRange(day, view), [day, view]);
  const schedule = useSchedule(api, range);
  const board = usePolled(() => dispatch.board(), 'board');
  const technicians = schedule.data?.technicians ?? [];

  /** places the order being placed, then shows the result at once rather than at the next poll */
  const place = async (placement: Placement) => {
    if (!placing) return;
    await dispatch.place(placing.workOrderId, placement);
    board.reload();
    schedule.reload();
  };

  return {
    api,
    settings: {
      day,
      view,
      filters,
      ...rosterValues(technicians),
      onDay: setDay,
      onView: setView,
      onFilters: setFilters,
    },
    range,
    schedule,
    board,
    technicians,
    placing,
    setPlacing,
    place,
  };
}
