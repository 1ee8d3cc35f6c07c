/**
 * A tolerant reader of API Management policy XML. Policies fetched with `format: rawxml` carry C# policy
 * expressions unescaped (`@(...)`, `@{...}`), so quotes and `<` may appear inside attribute values and text; a strict
 * XML parser rejects those documents. This reader skips expressions as balanced blocks and keeps only what the
 * analysis needs: element names, attributes and nesting.
 */
export interface PolicyElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: PolicyElement[];
  /** Concatenated text directly inside the element (trimmed), policy expressions included as written. */
  text: string;
}

export class PolicyParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'PolicyParseError';
  }
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const SPACE = /\s*/y;

/** Skips a C# expression block starting at `@(` or `@{`, honouring nested brackets and string literals. */
function skipExpression(text: string, start: number): number {
  const open = text[start + 1];
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const quote = c;
      for (i++; i < text.length && text[i] !== quote; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i + 1;
  }
  throw new PolicyParseError('unterminated policy expression', start);
}

/** Where an expression starting at `start` ends, or -1 when it never closes. */
function expressionEnd(text: string, start: number): number {
  try {
    return skipExpression(text, start);
  } catch (error) {
    if (error instanceof PolicyParseError) return -1;
    throw error;
  }
}

function decodeEntities(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    switch (e.toLowerCase()) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        // A reference past U+10FFFF names no character (String.fromCodePoint would throw): keep it as written.
        return code <= 0x10ffff ? String.fromCodePoint(code) : `&${e};`;
      }
    }
  });
}

function readAttributeValue(text: string, at: number): { value: string; end: number } {
  const quote = text[at];
  if (quote !== '"' && quote !== "'") throw new PolicyParseError('attribute value must be quoted', at);
  let i = at + 1;
  if (text[i] === '@' && (text[i + 1] === '(' || text[i + 1] === '{')) {
    i = expressionEnd(text, i);
    if (i < 0 || text[i] !== quote) {
      // Escaped (format: xml) expressions, and text that merely starts like one (`@(` with no closing bracket),
      // are ordinary quoted text: fall back to the closing quote, as an XML parser would.
      i = text.indexOf(quote, at + 1);
    }
  } else {
    i = text.indexOf(quote, i);
  }
  if (i < 0) throw new PolicyParseError('unterminated attribute value', at);
  return { value: decodeEntities(text.slice(at + 1, i)), end: i + 1 };
}

/** Parses policy XML into its element tree; the root is a synthetic element holding the top-level elements. */
export function parsePolicy(text: string): PolicyElement {
  const root: PolicyElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: PolicyElement[] = [root];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const top = stack[stack.length - 1]!;
    if (c === '@' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      // Kept as text, unparsed: a computed URL may still name its host in a string literal.
      const end = skipExpression(text, i);
      top.text = `${top.text}${text.slice(i, end)}`.trim();
      i = end;
      continue;
    }
    if (c !== '<') {
      const next = text.indexOf('<', i);
      const end = next < 0 ? text.length : next;
      const at = text.indexOf('@', i);
      const stop = at >= 0 && at < end && (text[at + 1] === '(' || text[at + 1] === '{') ? at : end;
      top.text = `${top.text}${decodeEntities(text.slice(i, stop))}`.trim();
      i = stop;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) throw new PolicyParseError('unterminated comment', i);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i);
      if (end < 0) throw new PolicyParseError('unterminated CDATA section', i);
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) throw new PolicyParseError('unterminated processing instruction', i);
      i = end + 2;
    } else if (text[i + 1] === '/') {
      NAME.lastIndex = i + 2;
      const name = NAME.exec(text)?.[0];
      if (!name || name.toLowerCase() !== top.name) throw new PolicyParseError(`unexpected closing tag </${name ?? ''}>`, i);
      const end = text.indexOf('>', i);
      if (end < 0) throw new PolicyParseError('unterminated closing tag', i);
      stack.pop();
      i = end + 1;
    } else {
      NAME.lastIndex = i + 1;
      const name = NAME.exec(text)?.[0];
      if (!name) throw new PolicyParseError('malformed tag', i);
      i = NAME.lastIndex;
      const attributes: Record<string, string> = {};
      for (;;) {
        SPACE.lastIndex = i;
        SPACE.exec(text);
        i = SPACE.lastIndex;
        if (text.startsWith('/>', i) || text[i] === '>') break;
        NAME.lastIndex = i;
        const attribute = NAME.exec(text)?.[0];
        if (!attribute || text[NAME.lastIndex] !== '=') throw new PolicyParseError(`malformed attribute in <${name}>`, i);
        const { value, end } = readAttributeValue(text, NAME.lastIndex + 1);
        attributes[attribute.toLowerCase()] = value;
        i = end;
      }
      const element: PolicyElement = { name: name.toLowerCase(), attributes, children: [], text: '' };
      top.children.push(element);
      if (text.startsWith('/>', i)) i += 2;
      else {
        stack.push(element);
        i += 1;
      }
    }
  }
  if (stack.length > 1) throw new PolicyParseError(`unclosed <${stack[stack.length - 1]!.name}>`, text.length);
  return root;
}

/**
 * Every element in document order (depth first), the root excluded. Iterative: policy XML is input, and a deeply
 * nested document must not exhaust the call stack.
 */
export function* walkPolicy(element: PolicyElement): Generator<PolicyElement> {
  const stack: PolicyElement[] = [...element.children].reverse();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    yield next;
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!);
  }
}
