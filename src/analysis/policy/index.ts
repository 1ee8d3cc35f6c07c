export * from './parse.js';
export * from './effective.js';
export * from './library.js';
export * from './flow-types.js';
export * from './flow.js';
export * from './custom-checks.js';
export * from './verdict.js';
export * from './effective-policies.js';
