import type { LibraryItemReceived } from '@appliance-care/contracts';

import { Prng } from './prng';

/** The branches `npm start` seeds library technicians at (libs/dispatch/src/data/library-technicians.seed.json). */
export const LIBRARY_BRANCHES = ['central', 'riverside'] as const;

/** A patron who holds the item while it is processed: told once when it is shelf-ready. */
export interface PlannedHold {
  patronId: string;
  name: string;
  email: string;
}

/** One item of the library day: its receipt, and what happens to it once it is in. */
export interface PlannedItem {
  received: LibraryItemReceived;
  hold?: PlannedHold;
  /** reported damaged at circulation once on the shelf, then triaged for repair */
  damage?: string;
}

export interface LibraryPlanSettings {
  items: number;
  originalRate: number;
  holdRate: number;
  damageRate: number;
  seed: number;
  runId: string;
}

const TITLES = ['The Name of the Rose', 'Middlemarch', 'A Field Guide to Moths', 'Local Maps 1890', 'Bleak House'];
const FORMATS = ['book', 'book', 'book', 'map', 'dvd', 'audiobook', 'score'] as const;
const DAMAGE = ['spine split', 'water damage to the lower corner', 'pages 40-60 loose', 'torn cover'];

/**
 * The day's receipts from acquisitions, the same for the same seed: a mix of copy and original
 * cataloguing over the branches, some held by a patron while processed, some found damaged later.
 */
export function planLibraryDay(settings: LibraryPlanSettings, now = Date.now()): PlannedItem[] {
  const rng = new Prng(settings.seed * 7919 + 17);
  return Array.from({ length: settings.items }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    const received: LibraryItemReceived = {
      itemId: `LIB-SIM-${settings.runId}-${n}`,
      barcode: `39${settings.runId}${n}`.slice(0, 32),
      title: `${rng.pick(TITLES)} (${n})`,
      format: rng.pick(FORMATS),
      branch: rng.pick(LIBRARY_BRANCHES),
      cataloguing: rng.chance(settings.originalRate) ? 'original' : 'copy',
      orderId: `PO-SIM-${settings.runId}-${n}`,
      receivedAt: new Date(now).toISOString(),
    };
    const patronId = `PAT-SIM-${settings.runId}-${n}`;
    const held = rng.chance(settings.holdRate);
    const damaged = rng.chance(settings.damageRate);
    return {
      received,
      ...(held ? { hold: { patronId, name: `Patron ${n}`, email: `${patronId.toLowerCase()}@patrons.example` } } : {}),
      ...(damaged ? { damage: rng.pick(DAMAGE) } : {}),
    };
  });
}
