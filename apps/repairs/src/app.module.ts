import { DynamicModule, Module } from '@nestjs/common';

import { serviceImports } from '@appliance-care/messaging';
import { ServiceConfig } from '@appliance-care/platform';
import {
  loadRepairsPolicy,
  OpenRepairTicket,
  RecordPartsArrival,
  RecordPartsCost,
  REPAIRS_POLICY,
  RepairsPolicy,
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

import { StatsController } from './api/stats.controller';
import { TicketsController } from './api/tickets.controller';
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
   * REPAIRS_SLA_PAUSE_ON_PARTS, REPAIRS_SLA_WARNING_SHARE) unless given.
   */
  static register(config: ServiceConfig, policy: RepairsPolicy = loadRepairsPolicy()): DynamicModule {
    return {
      module: AppModule,
      imports: serviceImports(config, {
        models: [{ name: TICKET_MODEL, schema: ticketSchema }],
        outboxModels: [TICKET_MODEL],
      }),
      controllers: [
        TicketsController,
        StatsController,
        DiagnosisCompletedHandler,
        WorkOrderAssignedHandler,
        WorkOrderReleasedHandler,
        WorkOrderCancelledHandler,
        PartsArrivedHandler,
        PartsReservationHandler,
      ],
      providers: [
        { provide: REPAIRS_POLICY, useValue: policy },
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
