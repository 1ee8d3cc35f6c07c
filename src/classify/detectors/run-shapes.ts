/** A run of characters from one ASCII class, `min` to `max` long, that every match of some pattern is (see matchesAtRuns). */
export interface RunShape {
  /** 1 for each ASCII code in the class. */
  readonly members: Uint8Array;
  readonly min: number;
  readonly max: number;
}

/** The ASCII codes of a class written as a regex character class, such as `[0-9A-Fa-f:-]`. */
export function asciiClass(cls: RegExp): Uint8Array {
  const members = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (cls.test(String.fromCharCode(c))) members[c] = 1;
  return members;
}

export const ALNUM = asciiClass(/[A-Za-z0-9]/);

export function runShape(members: Uint8Array, min: number, max: number = min): RunShape {
  return { members, min, max };
}
