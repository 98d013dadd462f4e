import { Inject, Injectable } from '@nestjs/common';

import { computeKpis, KpiReport } from '../domain/kpi.calculator';
import { FeedbackRepository } from '../persistence/feedback.repository';
import { KpiFactRepository } from '../persistence/kpi-fact.repository';
import { PORTAL_SETTINGS, PortalSettings } from './portal.settings';

/** The facts a period's KPIs count; the bookings, openings and requests of their jobs come with them. */
const COUNTED = [
  'repair.completed.v1',
  'installation.started.v1',
  'installation.completed.v1',
  'installation.failed.v1',
];

@Injectable()
export class KpiQueries {
  constructor(
    private readonly facts: KpiFactRepository,
    private readonly feedback: FeedbackRepository,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
  ) {}

  async kpis(from: Date, to: Date): Promise<KpiReport> {
    const [facts, feedback] = await Promise.all([
      this.facts.inPeriodWithTheirJobs(COUNTED, from, to),
      this.feedback.givenBetween(from, to),
    ]);
    return computeKpis({ facts, feedback, from, to, onTimeToleranceMinutes: this.settings.onTimeToleranceMinutes });
  }
}
