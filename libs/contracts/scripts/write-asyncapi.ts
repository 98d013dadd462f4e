// Rewrites docs/asyncapi.yaml from libs/contracts (the contracts test fails while it is out of date):
//   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register libs/contracts/scripts/write-asyncapi.ts
import * as fs from 'node:fs';

import { SYSTEM_ASYNCAPI_FILE, systemAsyncApiYaml } from '../src/asyncapi/asyncapi-files';

fs.writeFileSync(SYSTEM_ASYNCAPI_FILE, systemAsyncApiYaml());
console.log(`wrote ${SYSTEM_ASYNCAPI_FILE}`);
