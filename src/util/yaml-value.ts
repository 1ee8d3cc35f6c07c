import type { Document } from 'yaml';
import { InputError } from './errors.js';

/**
 * The plain value of a parsed YAML document. Aliases may expand at most `maxAliasCount` times: past that the
 * `yaml` library throws a ReferenceError (a "billion laughs" document), which here becomes an InputError naming
 * the file, like any other malformed input.
 */
export function yamlValue(document: Document, file: string, maxAliasCount: number): unknown {
  try {
    return document.toJS({ maxAliasCount }) as unknown;
  } catch (error) {
    if (error instanceof ReferenceError) {
      throw new InputError(
        { file },
        `YAML aliases expand more than ${maxAliasCount} times: refused as a resource exhaustion attack`,
      );
    }
    throw error;
  }
}
