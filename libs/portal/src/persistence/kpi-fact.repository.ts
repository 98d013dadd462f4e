import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { isDuplicateKey } from '@appliance-care/platform';

import { KpiFact } from '../domain/kpi-fact';
import { KPI_FACT_MODEL, KpiFactDocument } from './kpi-fact.schema';

const toFact = ({ _id, ...rest }: KpiFactDocument): KpiFact => ({ id: _id, ...rest });
/** sources per query: an $in list the store handles comfortably */
const CHUNK = 200;

@Injectable()
export class KpiFactRepository {
  constructor(@InjectModel(KPI_FACT_MODEL) private readonly facts: Model<KpiFactDocument>) {}

  /** Inserts many facts in one unordered insert; facts already there (redeliveries) are left as they are. */
  async recordMany(facts: readonly KpiFact[]): Promise<void> {
    if (facts.length === 0) return;
    const docs: KpiFactDocument[] = facts.map(({ id, ...rest }) => ({ _id: id, ...rest }));
    try {
      await this.facts.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** Every fact of one job (installation, case or ticket). */
  async ofSource(sourceId: string): Promise<KpiFact[]> {
    return (await this.facts.find({ sourceId }).lean<KpiFactDocument[]>().exec()).map(toFact);
  }

  /** The facts of these types that happened in [from, to), and every fact of their jobs. */
  async inPeriodWithTheirJobs(types: readonly string[], from: Date, to: Date): Promise<KpiFact[]> {
    const counted = await this.facts
      .find({ type: { $in: [...types] }, at: { $gte: from.toISOString(), $lt: to.toISOString() } }, { sourceId: 1 })
      .lean<{ sourceId: string }[]>()
      .exec();
    const sources = [...new Set(counted.map((fact) => fact.sourceId))];
    const found: KpiFact[] = [];
    for (let i = 0; i < sources.length; i += CHUNK) {
      const docs = await this.facts
        .find({ sourceId: { $in: sources.slice(i, i + CHUNK) } })
        .lean<KpiFactDocument[]>()
        .exec();
      found.push(...docs.map(toFact));
    }
    return found;
  }
}
