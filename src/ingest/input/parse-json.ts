import { InputError } from '../../util/errors.js';

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** JSON.parse with an error that names the file, line, column and reason. */
export function parseJson(file: string, text: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    let position: { line: number; column: number } | undefined;
    if (at) position = lineColumn(text, Number(at[1]));
    else if (lineCol) position = { line: Number(lineCol[1]), column: Number(lineCol[2]) };
    else if (/end of (JSON )?input/i.test(message)) position = lineColumn(text, text.length);
    const reason = `malformed JSON: ${message.replace(/^(JSON\.parse: |SyntaxError: )/, '').replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '')}`;
    throw new InputError(
      position ? { file, line: position.line + lineOffset, column: position.column } : { file },
      reason,
    );
  }
}
