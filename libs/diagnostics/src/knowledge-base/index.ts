import { KnowledgeBase } from '../domain/knowledge-base';
import airConditioner from './air-conditioner.json';
import boiler from './boiler.json';
import common from './common.json';
import dishwasher from './dishwasher.json';
import ovenHob from './oven-hob.json';
import refrigerator from './refrigerator.json';
import washingMachine from './washing-machine.json';

/** The shipped knowledge-base files; each carries its own `version`. */
export const KNOWLEDGE_BASE_FILES: readonly unknown[] = [
  washingMachine,
  dishwasher,
  refrigerator,
  ovenHob,
  airConditioner,
  boiler,
  common,
];

let shipped: KnowledgeBase | undefined;

export function shippedKnowledgeBase(): KnowledgeBase {
  shipped ??= new KnowledgeBase(KNOWLEDGE_BASE_FILES);
  return shipped;
}
