export * from './kinds.js';
export * from './declare.js';
export * from './common.js';
export * from './nodes.js';
export * from './edges.js';
export * from './graph.js';
export * from './docs.js';
export * from './display-name.js';
