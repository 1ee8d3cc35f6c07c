export * from './pipeline.js';
export { readInputFiles, classifyRow } from './input/read-files.js';
export type { InputRow } from './input/rows.js';
