import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';

import { EventEnvelope } from '@appliance-care/contracts';
import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';
import { BusinessRuleError, Correlation, definedOnly, NotFoundError, parseOrThrow } from '@appliance-care/platform';

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
    if (await this.technicians.insert(doc, [this.registered(doc)])) {
      this.cache.invalidate();
      return { technician: (await this.technicians.get(id)) as TechnicianDocument, created: true };
    }
    const existing = await this.technicians.get(id);
    if (existing && idempotencyKey && existing.idempotencyKey === idempotencyKey)
      return { technician: existing, created: false };
    throw new BusinessRuleError('technician-exists', `technician ${id} is already registered`, { technicianId: id });
  }

  async get(id: string): Promise<TechnicianDocument> {
    const found = await this.technicians.get(id);
    if (!found) throw new NotFoundError('technician', id);
    return found;
  }

  list(): Promise<TechnicianDocument[]> {
    return this.technicians.list();
  }

  replace(id: string, input: ReplaceTechnicianInput): Promise<TechnicianDocument> {
    return this.update(id, () => this.normalise(input));
  }

  patch(id: string, input: PatchTechnicianInput): Promise<TechnicianDocument> {
    return this.update(id, (current) => this.normalise({ ...toTechnician(current), ...definedOnly(input) }));
  }

  /**
   * Loads the seed roster when the roster is empty, and the library seed when no library technician
   * is on it yet (local runs: a roster seeded before the library came gains its library technicians);
   * both instances may race: ids are fixed. The seed run is a job of its own: its id is the causation
   * of the events it produces.
   */
  seedIfEmpty(): Promise<number> {
    return Correlation.runJob(async () => {
      const { seedFile, librarySeedFile } = this.settings;
      const appliance = seedFile && (await this.technicians.count()) === 0 ? await this.seed(seedFile) : 0;
      const library =
        librarySeedFile && (await this.technicians.countLibrary()) === 0 ? await this.seed(librarySeedFile) : 0;
      return appliance + library;
    });
  }

  private async seed(file: string): Promise<number> {
    const seed = parseOrThrow(seedFileInput, JSON.parse(await readFile(file, 'utf8')), `seed file ${file}`);
    let loaded = 0;
    for (const technician of seed) {
      const at = new Date().toISOString();
      const doc = {
        ...this.normalise(technician),
        _id: technician.technicianId,
        technicianId: technician.technicianId,
        version: 1,
        registeredAt: at,
        updatedAt: at,
      };
      if (await this.technicians.insert(doc, [this.registered(doc)])) loaded += 1;
    }
    if (loaded) this.cache.invalidate();
    this.logger.log(`seeded ${loaded} technicians from ${file}`);
    return loaded;
  }

  /** Load, change, write on the version read; a conflict that outlasts the attempts is a 503 (transient). */
  private update(
    id: string,
    change: (current: TechnicianDocument) => Omit<Technician, 'technicianId'>,
  ): Promise<TechnicianDocument> {
    return untilWritten(`technician ${id}`, async () => {
      const current = await this.get(id);
      // only the technician's own fields: the document's bookkeeping (version, outbox) is the repository's
      const fields = { ...change(current), updatedAt: new Date().toISOString() };
      if (!(await this.technicians.replace(id, current.version, fields, [this.updated({ ...current, ...fields })])))
        return CONFLICT;
      this.cache.invalidate();
      return this.get(id);
    });
  }

  private normalise(
    input: Omit<Technician, 'technicianId' | 'homeRegion'> & { technicianId?: string; homeRegion?: string },
  ): Omit<Technician, 'technicianId'> {
    // the input schemas refuse neither homeRegion nor branch
    const homeRegion = input.homeRegion ?? (input.branch as string);
    return {
      name: input.name,
      email: input.email,
      phone: input.phone,
      locale: input.locale,
      skills: [...new Set(input.skills)],
      licences: input.licences,
      homeRegion,
      regions: [...new Set([homeRegion, ...input.regions])],
      workingHours: input.workingHours,
      timeOff: input.timeOff,
      active: input.active,
      branch: input.branch,
    };
  }

  private registered(doc: TechnicianDocument): EventEnvelope {
    return this.factory.create('technician.registered.v1', technicianFacts(doc), { subject: doc._id });
  }

  private updated(doc: TechnicianDocument): EventEnvelope {
    const data = { ...technicianFacts(doc), updatedAt: doc.updatedAt };
    return this.factory.create('technician.updated.v1', data, { subject: doc._id });
  }
}

/** What the roster events tell about a technician (not their working hours or time off). */
function technicianFacts(doc: TechnicianDocument) {
  return {
    technicianId: doc._id,
    name: doc.name,
    email: doc.email,
    phone: doc.phone,
    locale: doc.locale,
    skills: doc.skills,
    homeRegion: doc.homeRegion,
    regions: doc.regions,
    registeredAt: doc.registeredAt,
    licences: doc.licences,
    active: doc.active,
    branch: doc.branch,
  };
}
