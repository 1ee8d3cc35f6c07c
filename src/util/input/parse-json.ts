import { parse as parseLenient, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError } from '../errors.js';
import { locateJsonError } from './locate-json-error.js';

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
  } catch {
    const found = firstError(body);
    // JSON.parse's own message quotes the input, which may hold a secret: it is never passed on.
    if (!found) throw new InputError({ file, line: 1 + lineOffset }, 'malformed JSON');
    const { line, column } = lineColumn(body, found.offset);
    throw new InputError({ file, line: line + lineOffset, column }, `malformed JSON: ${found.reason}`);
  }
}

function firstError(body: string): { offset: number; reason: string } | null {
  const errors: ParseError[] = [];
  try {
    parseLenient(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (error) {
    // jsonc-parser recurses per nesting level: a very deep document overflows it, not our iterative scan.
    if (error instanceof RangeError) return locateJsonError(body);
    throw error;
  }
  const first = errors[0];
  return first
    ? { offset: first.offset, reason: describeParseError(printParseErrorCode(first.error)) }
    : locateJsonError(body);
}

function describeParseError(code: string): string {
  // InvalidSymbol → "invalid symbol", ValueExpected → "value expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
