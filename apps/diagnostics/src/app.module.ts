import { DynamicModule, Module } from '@nestjs/common';

import {
  CancelDiagnosticVisit,
  CaseQueries,
  CaseRepository,
  CaseWorkflow,
  DIAGNOSTICS_MODELS,
  DIAGNOSTICS_OUTBOX_MODELS,
  DIAGNOSTICS_SETTINGS,
  DiagnosticsSettings,
  HeldFaultRepository,
  HeldFaults,
  HeldFaultSweeper,
  KnowledgeBase,
  loadDiagnosticsSettings,
  LocalCopies,
  LocalCopyRepository,
  OpenCaseKeyRepository,
  ProblemIntake,
  shippedKnowledgeBase,
} from '@appliance-care/diagnostics';
import { serviceImports } from '@appliance-care/messaging';
import { ServiceConfig } from '@appliance-care/platform';

import { CasesController } from './api/cases.controller';
import { KnowledgeBaseController } from './api/knowledge-base.controller';
import { ProblemsController } from './api/problems.controller';
import { ApplianceRegisteredHandler } from './handlers/appliance-registered.handler';
import { ApplianceRetiredHandler } from './handlers/appliance-retired.handler';
import { CustomerRegisteredHandler } from './handlers/customer-registered.handler';
import { DeviceFaultReportedHandler } from './handlers/device-fault-reported.handler';
import { WorkOrderCancelledHandler } from './handlers/work-order-cancelled.handler';
import { WorkOrderHandler } from './handlers/work-order.handler';

@Module({})
export class AppModule {
  static register(config: ServiceConfig, settings: Partial<DiagnosticsSettings> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: serviceImports(config, { models: DIAGNOSTICS_MODELS, outboxModels: DIAGNOSTICS_OUTBOX_MODELS }),
      controllers: [
        ProblemsController,
        CasesController,
        KnowledgeBaseController,
        ApplianceRegisteredHandler,
        ApplianceRetiredHandler,
        CustomerRegisteredHandler,
        DeviceFaultReportedHandler,
        WorkOrderHandler,
        WorkOrderCancelledHandler,
      ],
      providers: [
        { provide: KnowledgeBase, useFactory: shippedKnowledgeBase },
        { provide: DIAGNOSTICS_SETTINGS, useValue: { ...loadDiagnosticsSettings(), ...settings } },
        CaseRepository,
        OpenCaseKeyRepository,
        LocalCopyRepository,
        HeldFaultRepository,
        LocalCopies,
        ProblemIntake,
        HeldFaults,
        HeldFaultSweeper,
        CaseWorkflow,
        CancelDiagnosticVisit,
        CaseQueries,
      ],
    };
  }
}
