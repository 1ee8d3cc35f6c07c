import type { RunShape } from './run-shapes.js';

/** The sticky copy of a global pattern, made once: it matches only where it is told to start. */
const stickies = new WeakMap<RegExp, RegExp>();

function stickyOf(pattern: RegExp): RegExp {
  let sticky = stickies.get(pattern);
  if (sticky === undefined)
    stickies.set(pattern, (sticky = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`)));
  return sticky;
}

/**
 * `matchesOf` for a pattern whose every match is one whole maximal run of one of the `shapes`' character classes, of
 * that shape's length (its lookarounds forbid a class character on either side, and its body holds nothing else). A
 * pass over the characters per shape finds the runs, and the pattern is tried at the start of those of a fitting
 * length only, instead of at every position of a long text, where the lookbehind alone costs a step. The matches are
 * `matchesOf`'s, in order: the global scan can match nowhere else, at a run's start it tries the same pattern, and
 * after a match it goes on from the match's end, as this does.
 */
export function matchesAtRuns(pattern: RegExp, text: string, shapes: readonly RunShape[]): RegExpExecArray[] {
  let starts: number[] | undefined;
  for (const shape of shapes) {
    const members = shape.members;
    for (let i = 0; i < text.length;) {
      const c = text.charCodeAt(i);
      if (c >= 128 || members[c] !== 1) {
        i++;
        continue;
      }
      const start = i;
      for (i++; i < text.length; i++) {
        const n = text.charCodeAt(i);
        if (n >= 128 || members[n] !== 1) break;
      }
      if (i - start >= shape.min && i - start <= shape.max) (starts ??= []).push(start);
    }
  }
  const out: RegExpExecArray[] = [];
  if (starts === undefined) return out;
  if (shapes.length > 1) starts.sort((a, b) => a - b);
  const sticky = stickyOf(pattern);
  let from = 0;
  for (const start of starts) {
    if (start < from) continue;
    sticky.lastIndex = start;
    const m = sticky.exec(text);
    if (m === null) continue;
    out.push(m);
    if (out.length >= 1000) break;
    from = start + Math.max(1, m[0].length);
  }
  return out;
}
