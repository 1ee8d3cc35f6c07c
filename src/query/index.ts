export * from './ast.js';
export {
  edgePropertyType,
  endKinds,
  isFamily,
  isKindSelector,
  kindsOf,
  nodePropertyType,
  selectorMatches,
  startKinds,
  targetKinds,
  type PropertyLookup,
} from './kinds.js';
export { ExplorerValidationError, operandProblem, validateExplorerQuery } from './validate.js';
