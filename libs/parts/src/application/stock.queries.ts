import { readFile } from 'node:fs/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';

import { hasRole, isStaff, Principal } from '@appliance-care/auth';
import { stockLocationSchema } from '@appliance-care/contracts';
import { Correlation, NotFoundError } from '@appliance-care/platform';

import { Catalogue } from '../domain/catalogue';
import { ReservationState } from '../domain/reservation';
import { vanOwner } from '../domain/stock-location';
import { ReservationRepository } from '../persistence/reservation.repository';
import { StockLevel, StockRepository } from '../persistence/stock.repository';
import { PARTS_SETTINGS, PartsSettings } from './parts.settings';

const seedFileSchema = z.array(
  z.object({ location: stockLocationSchema, sku: z.string().min(1), quantity: z.number().int().nonnegative() }),
);

/** Reads of stock and reservations, and the seed a local run starts with. */
@Injectable()
export class StockQueries {
  private readonly logger = new Logger(StockQueries.name);

  constructor(
    private readonly catalogue: Catalogue,
    private readonly stock: StockRepository,
    private readonly reservations: ReservationRepository,
    @Inject(PARTS_SETTINGS) private readonly settings: PartsSettings,
  ) {}

  /** A location's stock: staff see any, a technician only their own van (anywhere else is answered as absent, 404). */
  async atLocation(location: string, principal: Principal): Promise<StockLevel[]> {
    const own = hasRole(principal, 'technician') && vanOwner(location) === principal.technicianId;
    if (!isStaff(principal) && !own) throw new NotFoundError('stock location', location);
    const levels = await this.stock.atLocation(location);
    if (levels.length === 0) throw new NotFoundError('stock location', location);
    return levels;
  }

  async reservation(ticketId: string): Promise<ReservationState> {
    const found = await this.reservations.find(ticketId);
    if (!found) throw new NotFoundError('parts reservation', ticketId);
    return found;
  }

  /** PARTS_SEED_FILE: every row not yet stored is stored; a stored row is never overwritten (restarts keep the stock). */
  async seed(): Promise<number> {
    const file = this.settings.seedFile;
    if (!file) return 0;
    const rows = seedFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    let seeded = 0;
    await Correlation.runJob(async () => {
      for (const row of rows.filter((r) => this.catalogue.find(r.sku))) {
        if (await this.stock.seed(row.location, row.sku, row.quantity)) seeded += 1;
      }
    });
    this.logger.log(`seeded ${seeded} stock rows from ${file}`);
    return seeded;
  }
}
