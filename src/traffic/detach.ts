/**
 * A copy of a string that keeps nothing else alive. V8 makes substrings of 13+ characters "sliced strings" that
 * point into their parent: a field value cut out of the JSON tokenizer's 64 KiB buffer would keep that whole buffer
 * alive for as long as the value is kept (a sample, a distinct-caller set). Prepending a character forces a flat
 * copy of just this string; slicing it off again points into that small copy only.
 */
export function detach(value: string): string {
  return ` ${value}`.slice(1);
}

/** Detaches every value of a header map. */
export function detachAll(values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) out[detach(name)] = detach(value);
  return out;
}
