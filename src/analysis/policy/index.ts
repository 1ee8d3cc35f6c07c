export * from './parse.js';
export * from './effective.js';
export * from './facts.js';
export * from './effective-policies.js';
