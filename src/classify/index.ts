/**
 * Sensitive-data classification of sampled API traffic: built-in info types named after Microsoft Purview's, custom
 * types and sensitivity labels from a config file, and findings that record where a type was seen, never the value.
 */
export { classifyMessage, createClassifier, type Classifier, type ClassifyOptions } from './classifier.js';
export { loadClassifierConfig, parseClassifierConfig, type ClassifierConfig } from './config.js';
export { HIGH, LOW, MEDIUM, atLeast, confidenceOf } from './confidence.js';
export { CUSTOM_VALIDATORS, type CustomInfoType, type CustomValidator } from './custom.js';
export { BUILT_IN_DETECTORS, EMULATOR_ACCOUNT_KEY, type Detector } from './detectors/index.js';
export { DEFAULT_LABELS, labelFor, type SensitivityLabel } from './labels.js';
export type { ApiMessage, Headers } from './message.js';
export { formatJsonPath } from './json-walk.js';
export { luhn, mod97, shannonEntropy, validIban, validSsn, isPlaceholder } from './validators.js';
export {
  BUILT_IN_INFO_TYPES,
  type BuiltInInfoType,
  type Confidence,
  type FieldContext,
  type Finding,
  type Location,
  type ResponseClass,
} from './types.js';
