import { DynamicModule, Module } from '@nestjs/common';

import { serviceImports } from '@appliance-care/messaging';
import {
  Catalogue,
  loadCatalogue,
  loadPartsSettings,
  PARTS_MODELS,
  PARTS_OUTBOX_MODELS,
  PARTS_SETTINGS,
  PartsSettings,
  PreferAssignedVan,
  ReceiveStock,
  ReservationRepository,
  ReserveParts,
  SettleReservation,
  StockQueries,
  StockRepository,
} from '@appliance-care/parts';
import { ServiceConfig } from '@appliance-care/platform';

import { CatalogueController } from './api/catalogue.controller';
import { ReservationsController } from './api/reservations.controller';
import { StockController } from './api/stock.controller';
import { PartsReceivedHandler } from './handlers/parts-received.handler';
import { RepairTicketHandler } from './handlers/repair-ticket.handler';
import { StockSeeder } from './stock.seeder';

/** The parts catalogue, stock per depot and van, and each repair ticket's reservation (PARTS_SEED_FILE, PARTS_CATALOGUE_FILE). */
@Module({})
export class AppModule {
  static register(config: ServiceConfig, overrides: Partial<PartsSettings> = {}): DynamicModule {
    const settings = { ...loadPartsSettings(), ...overrides };
    return {
      module: AppModule,
      imports: serviceImports(config, { models: PARTS_MODELS, outboxModels: PARTS_OUTBOX_MODELS }),
      controllers: [
        CatalogueController,
        StockController,
        ReservationsController,
        RepairTicketHandler,
        PartsReceivedHandler,
      ],
      providers: [
        { provide: PARTS_SETTINGS, useValue: settings },
        { provide: Catalogue, useFactory: () => loadCatalogue(settings) },
        StockRepository,
        ReservationRepository,
        ReserveParts,
        PreferAssignedVan,
        ReceiveStock,
        SettleReservation,
        StockQueries,
        StockSeeder,
      ],
    };
  }
}
