import { DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { MessagingModule } from '@appliance-care/messaging';
import { PlatformModule, ServiceConfig } from '@appliance-care/platform';
import {
  ApplianceRepository,
  CustomerRepository,
  IdempotencyKeyRepository,
  IdempotencyStore,
  InstallationCatalogue,
  InstallationRepository,
  InstallationWorkflow,
  OrderRepository,
  RecordPurchase,
  salesInstallationModels,
  salesInstallationOutboxModels,
  SalesQueries,
  SerialClaims,
} from '@appliance-care/sales-installation';

import { AppliancesController } from './api/appliances.controller';
import { InstallationsController } from './api/installations.controller';
import { PurchasesController } from './api/purchases.controller';
import { PurchaseRecordedHandler } from './handlers/purchase-recorded.handler';
import { WorkOrderAssignedHandler } from './handlers/work-order-assigned.handler';
import { WorkOrderUnassignableHandler } from './handlers/work-order-unassignable.handler';

/** Global so that the messaging module's outbox relay can inject the models that carry outboxes. */
@Global()
@Module({ imports: [MongooseModule.forFeature(salesInstallationModels)], exports: [MongooseModule] })
class SalesInstallationPersistenceModule {}

@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config),
        SalesInstallationPersistenceModule,
        MessagingModule.forRoot({ service: config.service, outboxModels: salesInstallationOutboxModels }),
      ],
      controllers: [
        PurchasesController,
        AppliancesController,
        InstallationsController,
        PurchaseRecordedHandler,
        WorkOrderAssignedHandler,
        WorkOrderUnassignableHandler,
      ],
      providers: [
        { provide: InstallationCatalogue, useFactory: () => InstallationCatalogue.load() },
        OrderRepository,
        CustomerRepository,
        ApplianceRepository,
        InstallationRepository,
        IdempotencyKeyRepository,
        SerialClaims,
        RecordPurchase,
        InstallationWorkflow,
        SalesQueries,
        IdempotencyStore,
      ],
    };
  }
}
