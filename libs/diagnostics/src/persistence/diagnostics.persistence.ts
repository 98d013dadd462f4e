import { ModelDefinition } from '@nestjs/mongoose';

import { CASE_MODEL, caseSchema } from './case.schema';
import { HELD_FAULT_MODEL, heldFaultSchema } from './held-fault.schema';
import {
  APPLIANCE_COPY_MODEL,
  applianceCopySchema,
  CUSTOMER_COPY_MODEL,
  customerCopySchema,
} from './local-copy.schema';
import { OPEN_CASE_KEY_MODEL, openCaseKeySchema } from './open-case-key.schema';

/** Every collection of the diagnostics database (for MongooseModule.forFeature). */
export const DIAGNOSTICS_MODELS: ModelDefinition[] = [
  { name: CASE_MODEL, schema: caseSchema },
  { name: OPEN_CASE_KEY_MODEL, schema: openCaseKeySchema },
  { name: APPLIANCE_COPY_MODEL, schema: applianceCopySchema },
  { name: CUSTOMER_COPY_MODEL, schema: customerCopySchema },
  { name: HELD_FAULT_MODEL, schema: heldFaultSchema },
];

/** Models whose documents carry an outbox (a held fault's: its dead letter). */
export const DIAGNOSTICS_OUTBOX_MODELS = [CASE_MODEL, HELD_FAULT_MODEL];
