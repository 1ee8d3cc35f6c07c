import type { TransformTable } from '../transform.js';
import { APIM_TRANSFORMS } from './apim.js';
import { WEB_TRANSFORMS } from './web.js';

/** Every Azure resource type apiposture reads, by lower-cased type. */
export const AZURE_TRANSFORMS: TransformTable = {
  ...APIM_TRANSFORMS,
  ...WEB_TRANSFORMS,
};
