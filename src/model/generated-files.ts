import { generateGraphModelDoc } from './docs.js';

/** A file generated from the model, with its path relative to the project root. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** Generated files that do not depend on a store adapter (the Neo4j schema files are added by the generate script). */
export function modelFiles(): GeneratedFile[] {
  return [{ path: 'docs/graph-model.md', content: generateGraphModelDoc() }];
}
