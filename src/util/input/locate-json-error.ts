import { createScanner } from 'jsonc-parser';

/**
 * Token kinds of jsonc-parser's scanner (its `SyntaxKind`, a const enum that isolated modules cannot import).
 */
const T = {
  openBrace: 1,
  closeBrace: 2,
  openBracket: 3,
  closeBracket: 4,
  comma: 5,
  colon: 6,
  null: 7,
  true: 8,
  false: 9,
  string: 10,
  number: 11,
  lineComment: 12,
  blockComment: 13,
  lineBreak: 14,
  trivia: 15,
  eof: 17,
} as const;

type Expect = 'value' | 'key' | 'colon' | 'after-key-value' | 'after-array-value' | 'end';

export interface JsonErrorLocation {
  readonly offset: number;
  /** Why, in the words jsonc-parser uses ("value expected", "comma expected", …). */
  readonly reason: string;
}

/**
 * The first syntax error of a JSON text, found iteratively with jsonc-parser's scanner. jsonc-parser's own parser
 * recurses once per nesting level, so a document nested some ten thousand levels deep overflows the call stack;
 * this walk keeps its own stack of open containers and has no depth limit. Null when the text is valid JSON.
 */
export function locateJsonError(text: string): JsonErrorLocation | null {
  const scanner = createScanner(text, false);
  const open: ('object' | 'array')[] = [];
  let expect: Expect = 'value';
  let firstInContainer = false;
  const afterValue = (): Expect => {
    const top = open[open.length - 1];
    return top === undefined ? 'end' : top === 'object' ? 'after-key-value' : 'after-array-value';
  };
  for (;;) {
    const kind = scanner.scan();
    const offset = scanner.getTokenOffset();
    if (kind === T.lineBreak || kind === T.trivia) continue;
    if (kind === T.lineComment || kind === T.blockComment) return { offset, reason: 'invalid comment token' };
    if (scanner.getTokenError() !== 0) return { offset, reason: 'invalid symbol' };
    switch (expect) {
      case 'end':
        return kind === T.eof ? null : { offset, reason: 'end of file expected' };
      case 'colon':
        if (kind !== T.colon) return { offset, reason: 'colon expected' };
        expect = 'value';
        continue;
      case 'key':
        if (kind === T.closeBrace && firstInContainer) {
          open.pop();
          expect = afterValue();
          continue;
        }
        if (kind !== T.string) return { offset, reason: 'property name expected' };
        expect = 'colon';
        continue;
      case 'after-key-value':
      case 'after-array-value': {
        const close = expect === 'after-key-value' ? T.closeBrace : T.closeBracket;
        if (kind === T.comma) {
          expect = expect === 'after-key-value' ? 'key' : 'value';
          firstInContainer = false;
          continue;
        }
        if (kind === close) {
          open.pop();
          expect = afterValue();
          continue;
        }
        return {
          offset,
          reason:
            kind === T.eof
              ? close === T.closeBrace
                ? 'close brace expected'
                : 'close bracket expected'
              : 'comma expected',
        };
      }
      case 'value':
        if (kind === T.openBrace || kind === T.openBracket) {
          open.push(kind === T.openBrace ? 'object' : 'array');
          expect = kind === T.openBrace ? 'key' : 'value';
          firstInContainer = true;
          continue;
        }
        if (kind === T.closeBracket && firstInContainer && open[open.length - 1] === 'array') {
          open.pop();
          expect = afterValue();
          continue;
        }
        if (kind === T.null || kind === T.true || kind === T.false || kind === T.string || kind === T.number) {
          firstInContainer = false;
          expect = afterValue();
          continue;
        }
        return { offset, reason: 'value expected' };
    }
  }
}
