import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { DIAGNOSTICS_MODELS } from '@appliance-care/diagnostics';

const models = MongooseModule.forFeature(DIAGNOSTICS_MODELS);

/** Global so that the messaging module's outbox relay can see the case model and its outbox. */
@Global()
@Module({ imports: [models], exports: [models] })
export class DiagnosticsStoreModule {}
