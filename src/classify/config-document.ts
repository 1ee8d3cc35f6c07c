import { LineCounter, parseDocument, type Document } from 'yaml';
import { InputError } from '../util/errors.js';
import { yamlValue } from '../util/yaml-value.js';

export type ConfigPath = readonly (string | number)[];

/**
 * A parsed config file that remembers where each value came from, so a bad value is reported as file:line:column.
 * JSON files go through JSON.parse first (strict JSON), then, like YAML files, through the `yaml` parser, whose
 * nodes carry source ranges (JSON is a subset of YAML 1.2).
 */
export class ConfigDocument {
  private constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  static parse(text: string, file: string): ConfigDocument {
    const lines = new LineCounter();
    if (/\.json$/i.test(file)) {
      try {
        JSON.parse(text);
      } catch (error) {
        const offset = /position (\d+)/.exec(String(error))?.[1];
        const at = offset === undefined ? undefined : positionAt(text, Number(offset));
        throw new InputError({ file, ...at }, `invalid JSON: ${(error as Error).message}`);
      }
    }
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const first = doc.errors[0];
    if (first !== undefined) {
      const at = lines.linePos(first.pos[0]);
      throw new InputError({ file, line: at.line, column: at.col }, `invalid YAML: ${first.message}`);
    }
    return new ConfigDocument(file, yamlValue(doc, file, 100), doc, lines);
  }

  /** An error at the value found at `path`, or at the nearest enclosing value that exists. */
  error(path: ConfigPath, reason: string): InputError {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, depth), true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range !== undefined) {
        const at = this.lines.linePos(range[0]);
        return new InputError({ file: this.file, line: at.line, column: at.col }, `${describe(path)}: ${reason}`);
      }
    }
    return new InputError({ file: this.file }, `${describe(path)}: ${reason}`);
  }
}

function describe(path: ConfigPath): string {
  if (path.length === 0) return 'config';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** 1-based line and column of a character offset. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
