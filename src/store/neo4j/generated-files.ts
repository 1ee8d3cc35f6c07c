import { modelFiles, type GeneratedFile } from '../../model/generated-files.js';
import { constraintStatements, indexStatements, schemaFile } from './schema.js';

/** Every file generated from the model: the graph model page and the Neo4j constraints and indexes. */
export function generatedFiles(): GeneratedFile[] {
  return [
    ...modelFiles(),
    { path: 'schema/neo4j/constraints.cypher', content: schemaFile(constraintStatements()) },
    { path: 'schema/neo4j/indexes.cypher', content: schemaFile(indexStatements()) },
  ];
}
