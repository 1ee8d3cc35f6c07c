import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError, type InputPosition } from '../../util/errors.js';
import { yamlValue } from '../../util/yaml-value.js';

export type YamlPath = readonly (string | number)[];

/**
 * A parsed YAML (or JSON: YAML 1.2 reads it too) file that remembers where each value came from, so a
 * validation error can name the file, the line and the column.
 */
export class YamlSource {
  private constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Parses the text; a syntax error fails with its position. */
  static parse(text: string, file: string): YamlSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      throw new InputError(
        { file, ...(at ? { line: at.line, column: at.col } : {}) },
        `invalid YAML: ${(error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '')}`,
      );
    }
    return new YamlSource(file, yamlValue(doc, file, 100), doc, lines);
  }

  /** Position of the value at `path` (or of its key, for `on: 'key'`), or of its nearest ancestor that exists. */
  position(path: YamlPath, on: 'key' | 'value' = 'value'): InputPosition {
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

  private at(offset: number): InputPosition {
    const at = this.lines.linePos(offset);
    return { file: this.file, line: at.line, column: at.col };
  }

  error(path: YamlPath, reason: string, on: 'key' | 'value' = 'value'): InputError {
    const where = path.length ? `${path.join('.')}: ` : '';
    return new InputError(this.position(path, on), `${where}${reason}`);
  }
}
