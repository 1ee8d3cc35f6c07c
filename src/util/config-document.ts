import { readFile } from 'node:fs/promises';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError, type InputPosition } from './errors.js';
import { yamlValue } from './yaml-value.js';

export type ConfigPath = readonly (string | number)[];

/**
 * How an error writes the path of the value it is about, before the reason: `dotted` as `goals.0.id` (nothing at
 * the root), `indexed` as `customInfoTypes[0].name` (`config` at the root).
 */
export type PathNotation = 'dotted' | 'indexed';

/**
 * A parsed config file (risk model, goals policy, classifier config) that remembers where each value came from,
 * so a bad value is reported as file:line:column and reason. A `.json` file must be strict JSON (JSON.parse
 * judges it first, so a trailing comma is an error, not YAML's leniency); then every file goes through the
 * `yaml` parser, whose nodes carry source ranges (JSON is a subset of YAML 1.2).
 */
export class ConfigDocument {
  private constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly notation: PathNotation,
  ) {}

  /** Parses the text; a syntax error fails with its position. */
  static parse(text: string, file: string, notation: PathNotation = 'dotted'): ConfigDocument {
    if (/\.json$/i.test(file)) checkJson(text, file);
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const first = doc.errors[0];
    if (first !== undefined) {
      const at = lines.linePos(first.pos[0]);
      throw new InputError({ file, line: at.line, column: at.col }, `invalid YAML: ${first.message}`);
    }
    return new ConfigDocument(file, yamlValue(doc, file, 100), doc, lines, notation);
  }

  /** Position of the value at `path` (or of its key, for `on: 'key'`), or of its nearest ancestor that exists. */
  position(path: ConfigPath, on: 'key' | 'value' = 'value'): InputPosition {
    const key = path[path.length - 1];
    const parent = on === 'key' && path.length > 0 ? this.doc.getIn(path.slice(0, -1), true) : undefined;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (pair && isNode(pair.key) && pair.key.range) return this.at(pair.key.range[0]);
    }
    for (let end = path.length; end >= 0; end--) {
      const node = end === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, end), true);
      if (isNode(node) && node.range) return this.at(node.range[0]);
    }
    return { file: this.file };
  }

  /** An error at the value (or key) found at `path`, or at the nearest enclosing value that exists. */
  error(path: ConfigPath, reason: string, on: 'key' | 'value' = 'value'): InputError {
    const where = describePath(path, this.notation);
    return new InputError(this.position(path, on), where ? `${where}: ${reason}` : reason);
  }

  private at(offset: number): InputPosition {
    const at = this.lines.linePos(offset);
    return { file: this.file, line: at.line, column: at.col };
  }
}

function describePath(path: ConfigPath, notation: PathNotation): string {
  switch (notation) {
    case 'dotted':
      return path.join('.');
    case 'indexed':
      if (path.length === 0) return 'config';
      return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
    default: {
      // util sits below the model and its assertNever: the same exhaustiveness check, written out.
      const unhandled: never = notation;
      throw new Error(`Unhandled path notation: ${String(unhandled)}`);
    }
  }
}

/** Strict JSON, with the line and column of the first error when the engine names its offset. */
function checkJson(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const offset = /position (\d+)/.exec(String(error))?.[1];
    const at = offset === undefined ? undefined : positionAt(text, Number(offset));
    throw new InputError({ file, ...at }, `invalid JSON: ${(error as Error).message}`);
  }
}

/** 1-based line and column of a character offset. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Reads a config file's text; a file that cannot be read fails as bad input naming it and the system's code. */
export async function readConfigFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError({ file }, `cannot read ${what}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
