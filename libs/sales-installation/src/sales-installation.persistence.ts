import { APPLIANCE_MODEL, applianceSchema } from './persistence/appliance.schema';
import { CUSTOMER_MODEL, customerSchema } from './persistence/customer.schema';
import { IDEMPOTENCY_KEY_MODEL, idempotencyKeySchema } from './persistence/idempotency-key.schema';
import { INSTALLATION_MODEL, installationSchema } from './persistence/installation.schema';
import { ORDER_MODEL, orderSchema } from './persistence/order.schema';
import { REPLACEMENT_MODEL, replacementSchema } from './persistence/replacement.schema';

/** The service's collections, for MongooseModule.forFeature. */
export const salesInstallationModels = [
  { name: ORDER_MODEL, schema: orderSchema },
  { name: CUSTOMER_MODEL, schema: customerSchema },
  { name: APPLIANCE_MODEL, schema: applianceSchema },
  { name: INSTALLATION_MODEL, schema: installationSchema },
  { name: IDEMPOTENCY_KEY_MODEL, schema: idempotencyKeySchema },
  { name: REPLACEMENT_MODEL, schema: replacementSchema },
];

/** Models whose documents carry an outbox the relay publishes. */
export const salesInstallationOutboxModels = [ORDER_MODEL, INSTALLATION_MODEL, APPLIANCE_MODEL, REPLACEMENT_MODEL];
