export * from './pipeline.js';
export { readInputFiles, classifyRow } from '../util/input/read-files.js';
export type { InputRow } from '../util/input/rows.js';
