import { parse as parseLenient, printParseErrorCode, type ParseError } from 'jsonc-parser';
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

/**
 * JSON.parse (fast) with an error that names the file, line, column and reason. Only when parsing fails is the
 * text scanned again, by a tolerant parser, to locate the first error precisely.
 */
export function parseJson(file: string, text: string, lineOffset = 0): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const errors: ParseError[] = [];
    parseLenient(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (!first) throw new InputError({ file, line: 1 + lineOffset }, `malformed JSON: ${(error as Error).message}`);
    const { line, column } = lineColumn(body, first.offset);
    throw new InputError({ file, line: line + lineOffset, column }, `malformed JSON: ${describeParseError(printParseErrorCode(first.error))}`);
  }
}

function describeParseError(code: string): string {
  // InvalidSymbol → "invalid symbol", ValueExpected → "value expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
