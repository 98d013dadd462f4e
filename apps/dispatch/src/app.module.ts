import { DynamicModule, Module } from '@nestjs/common';

import { LinkSigner } from '@appliance-care/auth';
import {
  APPOINTMENT_SETTINGS,
  AppointmentLinks,
  AppointmentService,
  AppointmentSlots,
  AssignmentService,
  CALENDAR_DAY_MODEL,
  CalendarCache,
  CalendarChanges,
  calendarDaySchema,
  CalendarRepository,
  DISPATCH_SETTINGS,
  DispatchBoardQueries,
  DispatchSettings,
  loadAppointmentSettings,
  loadDispatchSettings,
  MAINTENANCE_OVERDUE_MODEL,
  maintenanceOverdueDocumentSchema,
  MaintenanceOverdueRepository,
  ManualPlacement,
  OrphanBookings,
  QUEUE_ITEM_MODEL,
  QueueItemQueries,
  QueueItemRepository,
  QueueItems,
  queueItemSchema,
  ReturnVisits,
  RosterCache,
  RosterRebooking,
  RosterService,
  SLA_ALERT_MODEL,
  SlaAlertRepository,
  SlaAlerts,
  slaAlertSchema,
  SlotBooker,
  TECHNICIAN_MODEL,
  TechnicianProgress,
  TechnicianRepository,
  technicianSchema,
  UrgentBumps,
  WORK_ORDER_MODEL,
  WorkOrderIntake,
  WorkOrderLifecycle,
  WorkOrderQueries,
  WorkOrderRepository,
  workOrderSchema,
} from '@appliance-care/dispatch';
import { serviceImports } from '@appliance-care/messaging';
import { ServiceConfig } from '@appliance-care/platform';

import { AppointmentLinksController } from './api/appointment-links.controller';
import { AppointmentsController } from './api/appointments.controller';
import { QueueItemsController } from './api/queue-items.controller';
import { TechniciansController } from './api/technicians.controller';
import { WorkOrderProgressController } from './api/work-order-progress.controller';
import { WorkOrdersController } from './api/work-orders.controller';
import { LibraryTaskHandler } from './handlers/library-task.handler';
import { MaintenanceHandler } from './handlers/maintenance.handler';
import { RepairDeclinedHandler } from './handlers/repair-declined.handler';
import { RepairPartsHandler } from './handlers/repair-parts.handler';
import { RepairSlaHandler } from './handlers/repair-sla.handler';
import { RosterChangedHandler } from './handlers/roster-changed.handler';
import { SourceReleasedHandler } from './handlers/source-released.handler';
import { WorkProgressHandler } from './handlers/work-progress.handler';
import { WorkRequestedHandler } from './handlers/work-requested.handler';
import { RosterSeeder } from './roster.seeder';

const DISPATCH_MODELS = [
  { name: TECHNICIAN_MODEL, schema: technicianSchema },
  { name: WORK_ORDER_MODEL, schema: workOrderSchema },
  { name: CALENDAR_DAY_MODEL, schema: calendarDaySchema },
  { name: SLA_ALERT_MODEL, schema: slaAlertSchema },
  { name: MAINTENANCE_OVERDUE_MODEL, schema: maintenanceOverdueDocumentSchema },
  { name: QUEUE_ITEM_MODEL, schema: queueItemSchema },
];

/** REST controllers and Kafka handlers (@EventPattern methods). */
const DISPATCH_CONTROLLERS = [
  TechniciansController,
  WorkOrdersController,
  WorkOrderProgressController,
  AppointmentsController,
  AppointmentLinksController,
  QueueItemsController,
  WorkRequestedHandler,
  RepairDeclinedHandler,
  SourceReleasedHandler,
  WorkProgressHandler,
  RosterChangedHandler,
  RepairPartsHandler,
  RepairSlaHandler,
  MaintenanceHandler,
  LibraryTaskHandler,
];

/** Customers choosing, moving and cancelling appointments, also through signed links. */
const APPOINTMENT_PROVIDERS = [
  { provide: APPOINTMENT_SETTINGS, useFactory: () => loadAppointmentSettings() },
  // appointment links are signed with their own key (LINK_SIGNING_SECRET), never the bearer key
  { provide: LinkSigner, useFactory: () => new LinkSigner() },
  AppointmentSlots,
  AppointmentService,
  AppointmentLinks,
];

@Module({})
export class AppModule {
  static register(config: ServiceConfig, settings: Partial<DispatchSettings> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: serviceImports(config, {
        models: DISPATCH_MODELS,
        outboxModels: [TECHNICIAN_MODEL, WORK_ORDER_MODEL, QUEUE_ITEM_MODEL],
      }),
      controllers: DISPATCH_CONTROLLERS,
      providers: [
        { provide: DISPATCH_SETTINGS, useValue: { ...loadDispatchSettings(), ...settings } },
        TechnicianRepository,
        WorkOrderRepository,
        CalendarRepository,
        CalendarCache,
        RosterCache,
        SlotBooker,
        RosterService,
        AssignmentService,
        ManualPlacement,
        RosterRebooking,
        WorkOrderIntake,
        WorkOrderLifecycle,
        WorkOrderQueries,
        CalendarChanges,
        OrphanBookings,
        UrgentBumps,
        ReturnVisits,
        TechnicianProgress,
        SlaAlertRepository,
        SlaAlerts,
        MaintenanceOverdueRepository,
        DispatchBoardQueries,
        QueueItemRepository,
        QueueItems,
        QueueItemQueries,
        ...APPOINTMENT_PROVIDERS,
        RosterSeeder,
      ],
    };
  }
}
