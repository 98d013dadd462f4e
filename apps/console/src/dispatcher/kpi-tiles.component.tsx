import { useMemo } from 'react';

import { ApiClient } from '../api/api-client';
import { kpisApi } from '../api/kpis.api';
import { ErrorMessage } from '../shared/error-message.component';
import { usePolled } from '../shared/use-polled.hook';

const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? '–' : `${Math.round(share * 100)} %`;

/** First-time fix, MTTR and CSAT from portal's KPIs; SLA compliance from repairs' stats (last 30 days). */
export function KpiTiles({ api }: { api: ApiClient }) {
  const kpis = useMemo(() => kpisApi(api), [api]);
  const { data, error } = usePolled(
    async () => {
      const [report, stats] = await Promise.all([kpis.kpis(), kpis.repairStats()]);
      return { report, stats };
    },
    'kpis',
    15_000,
  );
  const overall = data?.report.overall;
  const mttr = overall?.repairs.meanTimeToRepairMinutes;
  const tiles = [
    { label: 'First-time fix', value: percent(overall?.repairs.firstTimeFixRate) },
    { label: 'Mean time to repair', value: mttr === null || mttr === undefined ? '–' : `${Math.round(mttr)} min` },
    { label: 'SLA compliance', value: percent(data?.stats.slaCompliance) },
    {
      label: 'CSAT',
      value: overall?.csat.meanRating ? `${overall.csat.meanRating.toFixed(1)} / 5 (${overall.csat.responses})` : '–',
    },
  ];
  return (
    <section className="kpis" aria-label="Key figures, last 30 days">
      {tiles.map((t) => (
        <div key={t.label} className="tile">
          <span className="tile-label">{t.label}</span>
          <span className="tile-value">{t.value}</span>
        </div>
      ))}
      <ErrorMessage error={error} />
    </section>
  );
}
