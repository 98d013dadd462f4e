import { DynamicModule, Module } from '@nestjs/common';

import { serviceImports } from '@appliance-care/messaging';
import { ServiceConfig } from '@appliance-care/platform';
import {
  ApplianceRepository,
  CancelInstallation,
  CustomerRepository,
  IdempotencyKeyRepository,
  IdempotencyStore,
  InstallationCatalogue,
  InstallationRepository,
  InstallationWorkflow,
  loadMaintenanceSettings,
  MAINTENANCE_SETTINGS,
  MaintenancePlanCatalogue,
  MaintenanceRepository,
  MaintenanceSchedules,
  MaintenanceSettings,
  MaintenanceSweeper,
  OrderRepository,
  RecordPurchase,
  ReplaceAppliance,
  REPLACEMENT_WARRANTY_RULE,
  ReplacementRepository,
  replacementWarrantyRule,
  salesInstallationModels,
  salesInstallationOutboxModels,
  SalesQueries,
  SerialClaims,
} from '@appliance-care/sales-installation';

import { ApplianceMaintenanceController } from './api/appliance-maintenance.controller';
import { AppliancesController } from './api/appliances.controller';
import { InstallationsController } from './api/installations.controller';
import { MaintenanceVisitsController } from './api/maintenance-visits.controller';
import { PurchasesController } from './api/purchases.controller';
import { PurchaseRecordedHandler } from './handlers/purchase-recorded.handler';
import { RepairReplacementApprovedHandler } from './handlers/repair-replacement-approved.handler';
import { WorkOrderAssignedHandler } from './handlers/work-order-assigned.handler';
import { WorkOrderCancelledHandler } from './handlers/work-order-cancelled.handler';
import { WorkOrderUnassignableHandler } from './handlers/work-order-unassignable.handler';

@Module({})
export class AppModule {
  static register(config: ServiceConfig, maintenance: Partial<MaintenanceSettings> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: serviceImports(config, { models: salesInstallationModels, outboxModels: salesInstallationOutboxModels }),
      controllers: [
        PurchasesController,
        AppliancesController,
        InstallationsController,
        ApplianceMaintenanceController,
        MaintenanceVisitsController,
        PurchaseRecordedHandler,
        WorkOrderAssignedHandler,
        WorkOrderUnassignableHandler,
        WorkOrderCancelledHandler,
        RepairReplacementApprovedHandler,
      ],
      providers: [
        { provide: InstallationCatalogue, useFactory: () => InstallationCatalogue.load() },
        { provide: MaintenancePlanCatalogue, useFactory: () => MaintenancePlanCatalogue.load() },
        { provide: MAINTENANCE_SETTINGS, useValue: { ...loadMaintenanceSettings(), ...maintenance } },
        MaintenanceRepository,
        MaintenanceSchedules,
        MaintenanceSweeper,
        OrderRepository,
        CustomerRepository,
        ApplianceRepository,
        InstallationRepository,
        IdempotencyKeyRepository,
        SerialClaims,
        RecordPurchase,
        InstallationWorkflow,
        CancelInstallation,
        SalesQueries,
        IdempotencyStore,
        ReplacementRepository,
        ReplaceAppliance,
        // RMA_WARRANTY: continue (default) or restart
        { provide: REPLACEMENT_WARRANTY_RULE, useFactory: () => replacementWarrantyRule(process.env['RMA_WARRANTY']) },
      ],
    };
  }
}
