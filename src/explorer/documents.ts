/** Explorer queries and templates as files: YAML or JSON (YAML 1.2 reads JSON as it is). */
import { parseDocument } from 'yaml';
import { ExplorerValidationError, validateExplorerQuery, type ExplorerQuery } from '../query/index.js';
import { InputError } from '../util/errors.js';
import { yamlValue } from '../util/yaml-value.js';
import { isObject } from '../util/json.js';

/** A named, documented query: the same `name` in the CLI (`--template`), GraphQL and the web page. */
export interface ExplorerTemplate {
  /** kebab-case, and the file's base name. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly query: ExplorerQuery;
}

export const TEMPLATE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Parses YAML or JSON text; malformed text fails with the file, line, column and reason. */
export function parseQueryText(text: string, file: string): unknown {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError({ file, ...(at ? { line: at.line, column: at.col } : {}) }, `malformed YAML/JSON: ${reason}`);
  }
  return yamlValue(document, file, 50);
}

function text(document: Record<string, unknown>, key: string, file: string): string {
  const value = document[key];
  if (typeof value !== 'string' || value.trim() === '')
    throw new ExplorerValidationError(`/${key}`, `a template needs a non-empty "${key}"`, file);
  return value.trim();
}

/** A template document `{ name, title, description, query }`, validated; `expectedName` is its file's base name. */
export function parseTemplate(document: unknown, file: string, expectedName?: string): ExplorerTemplate {
  if (!isObject(document))
    throw new ExplorerValidationError('', 'a template must be an object { name, title, description, query }', file);
  for (const key of Object.keys(document)) {
    if (!['name', 'title', 'description', 'query'].includes(key)) {
      throw new ExplorerValidationError(
        `/${key}`,
        `unknown field "${key}" in a template; expected name, title, description, query`,
        file,
      );
    }
  }
  const name = text(document, 'name', file);
  if (!TEMPLATE_NAME.test(name))
    throw new ExplorerValidationError('/name', `template name "${name}" is not kebab-case`, file);
  if (expectedName !== undefined && name !== expectedName) {
    throw new ExplorerValidationError(
      '/name',
      `template name "${name}" differs from its file name "${expectedName}"`,
      file,
    );
  }
  const title = text(document, 'title', file);
  const description = text(document, 'description', file);
  try {
    return { name, title, description, query: validateExplorerQuery(document['query'], { file }) };
  } catch (error) {
    // Paths inside the query are reported from the template's root.
    if (error instanceof ExplorerValidationError)
      throw new ExplorerValidationError(`/query${error.path}`, error.reason, file);
    throw error;
  }
}

/**
 * A query file for `apiposture explore --query FILE`: a bare query, or a template document (its `query` is run,
 * so a template can be copied and edited).
 */
export function parseQueryFile(
  content: string,
  file: string,
): { readonly query: ExplorerQuery; readonly name?: string } {
  const document = parseQueryText(content, file);
  if (isObject(document) && 'query' in document && !('kind' in document)) {
    const template = parseTemplate(document, file);
    return { query: template.query, name: template.name };
  }
  return { query: validateExplorerQuery(document, { file }) };
}
