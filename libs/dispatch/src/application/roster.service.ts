import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';

import { EventEnvelope } from '@appliance-care/contracts';
import { EventFactory, OutboxRelay } from '@appliance-care/messaging';
import { BusinessRuleError, Correlation, NotFoundError, parseOrThrow } from '@appliance-care/platform';

import { Technician } from '../domain/technician';
import { TechnicianRepository, toTechnician } from '../persistence/technician.repository';
import { TechnicianDocument } from '../persistence/technician.schema';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { RosterCache } from './roster.cache';
import {
  PatchTechnicianInput,
  RegisterTechnicianInput,
  ReplaceTechnicianInput,
  seedFileInput,
} from './technician.input';

/** The roster: who works where, with which skills and licences, when. */
@Injectable()
export class RosterService {
  private readonly logger = new Logger(RosterService.name);

  constructor(
    private readonly technicians: TechnicianRepository,
    private readonly factory: EventFactory,
    private readonly relay: OutboxRelay,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
    private readonly cache: RosterCache,
  ) {}

  /** Registers once per Idempotency-Key: the same key answers with the technician it created. */
  async register(
    input: RegisterTechnicianInput,
    idempotencyKey?: string,
    caller = '',
  ): Promise<{ technician: TechnicianDocument; created: boolean }> {
    const id =
      input.technicianId ??
      (idempotencyKey
        ? `T-${createHash('sha256').update(`${caller}|${idempotencyKey}`).digest('hex').slice(0, 12)}`
        : `T-${randomUUID().slice(0, 12)}`);
    const at = new Date().toISOString();
    const doc = {
      ...this.normalise(input),
      _id: id,
      technicianId: id,
      version: 1,
      idempotencyKey,
      registeredAt: at,
      updatedAt: at,
    };
    if (await this.technicians.insert(doc, [this.event('technician.registered.v1', doc)])) {
      this.cache.invalidate();
      this.relay.notify();
      return { technician: (await this.technicians.get(id)) as TechnicianDocument, created: true };
    }
    const existing = await this.technicians.get(id);
    if (existing && idempotencyKey && existing.idempotencyKey === idempotencyKey)
      return { technician: existing, created: false };
    throw new BusinessRuleError('technician-exists', `technician ${id} is already registered`, { technicianId: id });
  }

  async get(id: string): Promise<TechnicianDocument> {
    const t = await this.technicians.get(id);
    if (!t) throw new NotFoundError('technician', id);
    return t;
  }

  list(): Promise<TechnicianDocument[]> {
    return this.technicians.list();
  }

  replace(id: string, input: ReplaceTechnicianInput): Promise<TechnicianDocument> {
    return this.update(id, () => this.normalise(input));
  }

  patch(id: string, input: PatchTechnicianInput): Promise<TechnicianDocument> {
    return this.update(id, (current) => this.normalise({ ...toTechnician(current), ...stripUndefined(input) }));
  }

  /**
   * Loads the seed roster when the roster is empty (local runs); both instances may race: ids are
   * fixed. The seed run is a job of its own: its id is the causation of the events it produces.
   */
  seedIfEmpty(): Promise<number> {
    return Correlation.runJob(() => this.seed());
  }

  private async seed(): Promise<number> {
    if (!this.settings.seedFile || (await this.technicians.count()) > 0) return 0;
    const seed = parseOrThrow(
      seedFileInput,
      JSON.parse(await readFile(this.settings.seedFile, 'utf8')),
      `seed file ${this.settings.seedFile}`,
    );
    let loaded = 0;
    for (const t of seed) {
      const at = new Date().toISOString();
      const doc = {
        ...this.normalise(t),
        _id: t.technicianId,
        technicianId: t.technicianId,
        version: 1,
        registeredAt: at,
        updatedAt: at,
      };
      if (await this.technicians.insert(doc, [this.event('technician.registered.v1', doc)])) loaded += 1;
    }
    if (loaded) {
      this.cache.invalidate();
      this.relay.notify();
    }
    this.logger.log(`seeded ${loaded} technicians from ${this.settings.seedFile}`);
    return loaded;
  }

  private async update(
    id: string,
    change: (current: TechnicianDocument) => Omit<Technician, 'technicianId'>,
  ): Promise<TechnicianDocument> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.get(id);
      // only the technician's own fields: the document's bookkeeping (version, outbox) is the repository's
      const fields = { ...change(current), updatedAt: new Date().toISOString() };
      const next = { ...current, ...fields };
      if (await this.technicians.replace(id, current.version, fields, [this.event('technician.updated.v1', next)])) {
        this.cache.invalidate();
        this.relay.notify();
        return this.get(id);
      }
    }
    throw new BusinessRuleError('concurrent-update', `technician ${id} is being changed by someone else; try again`);
  }

  private normalise(t: Omit<Technician, 'technicianId'> & { technicianId?: string }): Omit<Technician, 'technicianId'> {
    return {
      name: t.name,
      email: t.email,
      phone: t.phone,
      locale: t.locale,
      skills: [...new Set(t.skills)],
      licences: t.licences,
      homeRegion: t.homeRegion,
      regions: [...new Set([t.homeRegion, ...t.regions])],
      workingHours: t.workingHours,
      timeOff: t.timeOff,
      active: t.active,
    };
  }

  private event(
    type: 'technician.registered.v1' | 'technician.updated.v1',
    t: Omit<TechnicianDocument, 'technicianId'> & { _id: string },
  ): EventEnvelope {
    return this.factory.create(
      type,
      {
        technicianId: t._id,
        name: t.name,
        email: t.email,
        phone: t.phone,
        locale: t.locale,
        skills: t.skills,
        homeRegion: t.homeRegion,
        regions: t.regions,
        registeredAt: t.registeredAt,
        licences: t.licences,
        active: t.active,
        ...(type === 'technician.updated.v1' ? { updatedAt: t.updatedAt } : {}),
      } as never,
      { subject: t._id },
    );
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
