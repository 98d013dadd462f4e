import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';

import { asyncApiDocument } from './asyncapi.document';

/** docs/asyncapi.yaml: the whole system's document, committed so integrators can read it without running anything. */
export const SYSTEM_ASYNCAPI_FILE = path.resolve(__dirname, '../../../../docs/asyncapi.yaml');

export const SYSTEM_ASYNCAPI_COMMAND =
  'SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register libs/contracts/scripts/write-asyncapi.ts';

/** The document as YAML; single quotes and no line folding are what Prettier (run by npm test) leaves as it is. */
export function systemAsyncApiYaml(): string {
  return (
    `# Generated from libs/contracts by \`${SYSTEM_ASYNCAPI_COMMAND}\`; do not edit by hand.\n` +
    stringify(asyncApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false, singleQuote: true })
  );
}

export const committedSystemAsyncApi = (): string =>
  fs.existsSync(SYSTEM_ASYNCAPI_FILE) ? fs.readFileSync(SYSTEM_ASYNCAPI_FILE, 'utf8') : '';
