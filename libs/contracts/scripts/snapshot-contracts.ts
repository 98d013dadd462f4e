// Accepts the current event schemas as the contract: rewrites libs/contracts/snapshots/<type>.json.
//   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register libs/contracts/scripts/snapshot-contracts.ts
// Refuses while a change breaks the snapshot (a removed or retyped field, a new required one): such
// a change is a new version of the type (.v2 beside .v1), not an edit. --accept-breaking overrides,
// for a type that was never published.
import { breakingChangesAgainstSnapshots, writeSnapshots } from '../src/compatibility/contract-snapshots';

const breaking = breakingChangesAgainstSnapshots();
if (breaking.length && !process.argv.includes('--accept-breaking')) {
  console.error(`refused: breaking changes against the snapshots:\n  ${breaking.join('\n  ')}`);
  console.error('publish a new version of the type instead, or pass --accept-breaking for a type never published');
  process.exit(1);
}
const written = writeSnapshots();
console.log(`wrote ${written.length} snapshots in libs/contracts/snapshots`);
