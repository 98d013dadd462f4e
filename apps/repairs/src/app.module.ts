import { DynamicModule, Module } from '@nestjs/common';

import { serviceImports } from '@appliance-care/messaging';
import { ServiceConfig } from '@appliance-care/platform';
import {
  APPLIANCE_PRICE_MODEL,
  AppliancePriceRepository,
  appliancePriceSchema,
  loadRepairsPolicy,
  loadReplacementSettings,
  OpenRepairTicket,
  RecordAppliancePrice,
  RecordPartsArrival,
  RecordPartsCost,
  REPAIRS_POLICY,
  RepairsPolicy,
  REPLACEMENT_SETTINGS,
  ReplacementDecisions,
  ReplacementReview,
  SlaWatcher,
  TICKET_MODEL,
  TicketActions,
  TicketChanges,
  TicketQueries,
  TicketRepository,
  ticketSchema,
  TrackAssignment,
  TrackPartsReservation,
} from '@appliance-care/repairs';

import { ReplacementController } from './api/replacement.controller';
import { StatsController } from './api/stats.controller';
import { TicketsController } from './api/tickets.controller';
import { ApplianceRegisteredHandler } from './handlers/appliance-registered.handler';
import { DiagnosisCompletedHandler } from './handlers/diagnosis-completed.handler';
import { PartsArrivedHandler } from './handlers/parts-arrived.handler';
import { PartsReservationHandler } from './handlers/parts-reservation.handler';
import { WorkOrderAssignedHandler } from './handlers/work-order-assigned.handler';
import { WorkOrderCancelledHandler } from './handlers/work-order-cancelled.handler';
import { WorkOrderReleasedHandler } from './handlers/work-order-released.handler';

@Module({})
export class AppModule {
  /**
   * The policy comes from the environment (REPAIRS_POLICY_FILE / _JSON, REPAIRS_SLA_SCAN_MS,
   * REPAIRS_SLA_PAUSE_ON_PARTS, REPAIRS_SLA_WARNING_SHARE) unless given; the replacement settings
   * always from it (RMA_ESTIMATE_SHARE, RMA_REPEAT_FAULT_DAYS).
   */
  static register(config: ServiceConfig, policy: RepairsPolicy = loadRepairsPolicy()): DynamicModule {
    return {
      module: AppModule,
      imports: serviceImports(config, {
        models: [
          { name: TICKET_MODEL, schema: ticketSchema },
          { name: APPLIANCE_PRICE_MODEL, schema: appliancePriceSchema },
        ],
        outboxModels: [TICKET_MODEL],
      }),
      controllers: [
        TicketsController,
        StatsController,
        ReplacementController,
        ApplianceRegisteredHandler,
        DiagnosisCompletedHandler,
        WorkOrderAssignedHandler,
        WorkOrderReleasedHandler,
        WorkOrderCancelledHandler,
        PartsArrivedHandler,
        PartsReservationHandler,
      ],
      providers: [
        { provide: REPAIRS_POLICY, useValue: policy },
        { provide: REPLACEMENT_SETTINGS, useFactory: () => loadReplacementSettings() },
        AppliancePriceRepository,
        RecordAppliancePrice,
        ReplacementReview,
        ReplacementDecisions,
        TicketRepository,
        TicketChanges,
        OpenRepairTicket,
        TrackAssignment,
        RecordPartsArrival,
        TrackPartsReservation,
        RecordPartsCost,
        TicketActions,
        TicketQueries,
        SlaWatcher,
      ],
    };
  }
}
