import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { outboxFields, withEvents } from '@appliance-care/messaging';

import { Technician } from '../domain/technician';
import { TECHNICIAN_MODEL, TechnicianDocument } from './technician.schema';

/** Absent stays absent: the driver would store an undefined field as null, which no schema accepts back. */
export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export const toTechnician = (d: TechnicianDocument): Technician => ({
  technicianId: d._id,
  name: d.name,
  email: d.email,
  phone: d.phone,
  locale: d.locale,
  skills: d.skills ?? [],
  licences: d.licences ?? [],
  homeRegion: d.homeRegion,
  regions: d.regions ?? [],
  workingHours: d.workingHours ?? {},
  timeOff: d.timeOff ?? [],
  active: d.active !== false,
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

  /** False when the id is taken. */
  async insert(doc: Omit<TechnicianDocument, 'outbox' | 'outboxPending'>, events: EventEnvelope[]): Promise<boolean> {
    try {
      await this.model.collection.insertOne({ ...plain(doc), ...outboxFields(events) } as never);
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  /** Optimistic: false when someone else changed the technician since `version`. */
  async replace(
    id: string,
    version: number,
    fields: Partial<TechnicianDocument>,
    events: EventEnvelope[],
  ): Promise<boolean> {
    const update: UpdateQuery<TechnicianDocument> = { $set: { ...plain(fields), version: version + 1 } };
    const res = await this.model.updateOne({ _id: id, version }, withEvents(update, events)).exec();
    return res.matchedCount === 1;
  }
}
