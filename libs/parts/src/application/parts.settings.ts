import { readFileSync } from 'node:fs';

import shippedCatalogue from '../data/catalogue.json';
import { Catalogue } from '../domain/catalogue';

export const PARTS_SETTINGS = Symbol('PARTS_SETTINGS');

export interface PartsSettings {
  /** stock rows ({location, sku, quantity}) loaded at start, each once (PARTS_SEED_FILE; none by default) */
  seedFile?: string;
  /** the catalogue data file (PARTS_CATALOGUE_FILE; default: the shipped libs/parts/src/data/catalogue.json) */
  catalogueFile?: string;
}

export function loadPartsSettings(env: NodeJS.ProcessEnv = process.env): PartsSettings {
  return { seedFile: env['PARTS_SEED_FILE'] || undefined, catalogueFile: env['PARTS_CATALOGUE_FILE'] || undefined };
}

/** The catalogue the settings name: its file, else the shipped one; a file that does not parse stops the start. */
export function loadCatalogue(settings: PartsSettings): Catalogue {
  const data: unknown = settings.catalogueFile
    ? JSON.parse(readFileSync(settings.catalogueFile, 'utf8'))
    : shippedCatalogue;
  return Catalogue.fromData(data);
}
