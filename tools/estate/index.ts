export {
  generateEstate,
  estateRows,
  SECTION_NAMES,
  type Estate,
  type EstateOptions,
  type EstateSection,
  type SectionName,
} from './estate.js';
export {
  writeEstate,
  MANIFEST_FILE,
  MAX_ROWS_PER_FILE,
  type EstateFormat,
  type WriteEstateOptions,
  type WrittenEstate,
} from './write.js';
export { planEstate, ESTATE_SIZES, type EstatePlan, type EstateSize, type SubscriptionPlan } from './plan.js';
export { Rng, rngFor } from './prng.js';
export { zipf } from './zipf.js';
export type { AzureRow } from './rows.js';
