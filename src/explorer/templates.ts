/**
 * The named explorer templates shipped in `queries/templates/*.yaml`, loaded and validated once, on first use
 * (the CLI and the server ask for them at startup, so a broken template fails there, naming its file).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotFoundError, ValidationError } from '../util/errors.js';
import { parseQueryText, parseTemplate, type ExplorerTemplate } from './documents.js';
import { compareIds } from '../util/order.js';

/** `queries/templates` of the installed package: two levels up from src/explorer (or dist/explorer). */
export function templatesDir(): string {
  return fileURLToPath(new URL('../../queries/templates', import.meta.url));
}

/** Every `*.yaml` / `*.yml` template of a directory, validated, sorted by name; names must be unique. */
export function loadTemplates(dir: string = templatesDir()): readonly ExplorerTemplate[] {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const byName = new Map<string, ExplorerTemplate>();
  for (const file of files) {
    const path = join(dir, file);
    const template = parseTemplate(
      parseQueryText(readFileSync(path, 'utf8'), path),
      path,
      basename(file).replace(/\.ya?ml$/, ''),
    );
    if (byName.has(template.name)) throw new ValidationError(`${path}: template name "${template.name}" is used twice`);
    byName.set(template.name, template);
  }
  return Object.freeze([...byName.values()].sort((a, b) => compareIds(a.name, b.name)));
}

let loaded: readonly ExplorerTemplate[] | undefined;

/** The shipped templates, sorted by name. */
export function listTemplates(): readonly ExplorerTemplate[] {
  loaded ??= loadTemplates();
  return loaded;
}

/** One template by name; an unknown name fails with NotFoundError listing the names there are. */
export function getTemplate(name: string): ExplorerTemplate {
  const templates = listTemplates();
  const template = templates.find((t) => t.name === name);
  if (!template) {
    throw new NotFoundError(
      `no explorer template named ${JSON.stringify(name)}; templates: ${templates.map((t) => t.name).join(', ')}`,
    );
  }
  return template;
}

export type { ExplorerTemplate } from './documents.js';
