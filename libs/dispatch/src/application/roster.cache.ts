import { Inject, Injectable } from '@nestjs/common';

import { Technician } from '../domain/technician';
import { TechnicianRepository, toTechnician } from '../persistence/technician.repository';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';

/**
 * The roster as decisions see it: read once and shared by the decisions that follow, instead of
 * one query per decision. Dropped when this instance changes a technician and when a roster event
 * arrives (another instance changed one); otherwise read again after `rosterCacheMs`.
 */
@Injectable()
export class RosterCache {
  private cached?: { at: number; roster: Promise<Technician[]> };

  constructor(
    private readonly technicians: TechnicianRepository,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {}

  all(): Promise<Technician[]> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at >= this.settings.rosterCacheMs) {
      const roster = this.technicians.list().then((docs) => docs.map(toTechnician));
      const entry = { at: now, roster };
      this.cached = entry;
      roster.catch(() => {
        if (this.cached === entry) this.cached = undefined;
      });
    }
    return this.cached.roster;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
