/**
 * JSON.parse reads every number as a double, so an integer of 16 or more digits above 2^53 comes back changed
 * (4000056655665556512 → 4000056655665556500): a 17- to 19-digit card number sent as a JSON number would be checked
 * with the wrong digits. Such literals are turned into strings before parsing, which keeps their digits; the walk reads
 * string and number leaves alike. Only bodies with such a literal after a colon, bracket or comma pay for the pass.
 */
/** A number literal of 16+ digits follows a colon, a bracket or a comma; one inside a quoted string mostly does not. */
const LONG_DIGITS = /[:[,][ \t\r\n]*-?\d{16}/;

export function preserveLongIntegers(text: string): string {
  return LONG_DIGITS.test(text) ? quoteLongIntegers(text) : text;
}

/** Quotes integer literals of 16 or more digits that stand outside strings; everything else is copied as is. */
export function quoteLongIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: the next character is escaped
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    if (!isDigit(c) && c !== 45) continue;
    let end = i + (c === 45 ? 1 : 0);
    const digitsFrom = end;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    const next = end < text.length ? text.charCodeAt(end) : -1;
    // A fraction or an exponent makes it a real number, not an identifier written as one.
    if (end - digitsFrom >= 16 && next !== 46 && next !== 101 && next !== 69) {
      out += `${text.slice(copied, i)}"${text.slice(i, end)}"`;
      copied = end;
    }
    i = end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
