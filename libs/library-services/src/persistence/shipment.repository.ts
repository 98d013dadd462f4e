import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { CONFLICT, Conflict, insertWithEvents, withEvents } from '@appliance-care/messaging';
import { definedOnlyDeep } from '@appliance-care/platform';

import { ShipmentState } from '../domain/binding-shipment';
import { SHIPMENT_MODEL, ShipmentDocument } from './shipment.schema';

const NOT_STATE = { outbox: 0, outboxPending: 0, outboxRev: 0, outboxSince: 0, outboxParked: 0 } as const;

const fromDoc = ({ _id, ...doc }: ShipmentDocument): ShipmentState => ({ ...doc, shipmentId: _id }) as ShipmentState;

/** Bindery shipments: born with their sent event, returned by one conditional write. */
@Injectable()
export class ShipmentRepository {
  constructor(@InjectModel(SHIPMENT_MODEL) private readonly model: Model<ShipmentDocument>) {}

  /** false when a shipment with this id exists. */
  insert(state: ShipmentState, events: readonly EventEnvelope[]): Promise<boolean> {
    const { shipmentId, ...rest } = definedOnlyDeep(state);
    return insertWithEvents(this.model, { _id: shipmentId, ...rest }, events);
  }

  async find(shipmentId: string): Promise<ShipmentState | undefined> {
    const doc = await this.model.findById(shipmentId, NOT_STATE).lean<ShipmentDocument>().exec();
    return doc ? fromDoc(doc) : undefined;
  }

  async replace(read: ShipmentState, next: ShipmentState, events: readonly EventEnvelope[]): Promise<true | Conflict> {
    const { shipmentId: _id, ...state } = definedOnlyDeep(next);
    const update = withEvents<ShipmentDocument>({ $set: { ...state, version: read.version + 1 } }, events);
    const res = await this.model.updateOne({ _id: read.shipmentId, version: read.version }, update).exec();
    return res.matchedCount === 1 ? true : CONFLICT;
  }
}
