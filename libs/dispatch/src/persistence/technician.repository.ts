import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { insertWithEvents, withEvents } from '@appliance-care/messaging';
import { definedOnlyDeep } from '@appliance-care/platform';

import { Technician } from '../domain/technician';
import { TECHNICIAN_MODEL, TechnicianDocument } from './technician.schema';

export const toTechnician = (stored: TechnicianDocument): Technician => ({
  technicianId: stored._id,
  name: stored.name,
  email: stored.email,
  phone: stored.phone,
  locale: stored.locale,
  skills: stored.skills ?? [],
  licences: stored.licences ?? [],
  homeRegion: stored.homeRegion,
  regions: stored.regions ?? [],
  workingHours: stored.workingHours ?? {},
  timeOff: stored.timeOff ?? [],
  active: stored.active !== false,
  ...(stored.branch ? { branch: stored.branch } : {}),
});

@Injectable()
export class TechnicianRepository {
  constructor(@InjectModel(TECHNICIAN_MODEL) private readonly model: Model<TechnicianDocument>) {}

  get(id: string): Promise<TechnicianDocument | null> {
    return this.model.findById(id, { outbox: 0 }).lean<TechnicianDocument>().exec();
  }

  /** Regions always include the home region on write, so one equality lookup finds who covers a region. */
  async coveringRegion(region: string): Promise<Technician[]> {
    const docs = await this.model.find({ regions: region }, { outbox: 0 }).lean<TechnicianDocument[]>().exec();
    return docs.map(toTechnician);
  }

  async list(): Promise<TechnicianDocument[]> {
    return this.model.find({}, { outbox: 0 }).sort({ _id: 1 }).lean<TechnicianDocument[]>().exec();
  }

  count(): Promise<number> {
    return this.model.countDocuments({}).exec();
  }

  /** How many library technicians (those with a branch) are on the roster. */
  countLibrary(): Promise<number> {
    return this.model.countDocuments({ branch: { $exists: true } }).exec();
  }

  /** False when the id is taken. */
  insert(doc: Omit<TechnicianDocument, 'outbox' | 'outboxPending'>, events: EventEnvelope[]): Promise<boolean> {
    return insertWithEvents(this.model, definedOnlyDeep(doc), events);
  }

  /** Optimistic: false when someone else changed the technician since `version`. */
  async replace(
    id: string,
    version: number,
    fields: Partial<TechnicianDocument>,
    events: EventEnvelope[],
  ): Promise<boolean> {
    const update: UpdateQuery<TechnicianDocument> = { $set: { ...definedOnlyDeep(fields), version: version + 1 } };
    const res = await this.model.updateOne({ _id: id, version }, withEvents(update, events)).exec();
    return res.matchedCount === 1;
  }
}
