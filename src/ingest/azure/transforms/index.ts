import type { TransformTable } from '../transform.js';
import { APIM_TRANSFORMS } from './apim.js';
import { COMPUTE_TRANSFORMS } from './compute.js';
import { DATA_TRANSFORMS } from './data.js';
import { IDENTITY_TRANSFORMS } from './identity.js';
import { LOGIC_TRANSFORMS } from './logic.js';
import { NETWORK_TRANSFORMS } from './network.js';
import { OPEN_SOURCE_DB_TRANSFORMS } from './open-source-db.js';
import { WEB_TRANSFORMS } from './web.js';

/** Every Azure resource type apiposture reads, by lower-cased type. */
export const AZURE_TRANSFORMS: TransformTable = {
  ...APIM_TRANSFORMS,
  ...WEB_TRANSFORMS,
  ...COMPUTE_TRANSFORMS,
  ...NETWORK_TRANSFORMS,
  ...DATA_TRANSFORMS,
  ...OPEN_SOURCE_DB_TRANSFORMS,
  ...IDENTITY_TRANSFORMS,
  ...LOGIC_TRANSFORMS,
};
