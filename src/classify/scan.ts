import { LOW, MEDIUM } from './confidence.js';
import { DEFAULT_PROXIMITY, ScanContext } from './context.js';
import type { TextStats } from './value-stats.js';
import { FloorIndex } from './detectors/floor-index.js';
import { CREDENTIAL_TYPES, type Detector } from './detectors/index.js';
import type { FieldContext, Match } from './types.js';

const PHONE = 'Phone Number';
const GENERIC = 'Generic Secret';

/**
 * Short values without digits or structure ("pending", "EUR", a first name), timestamps, UUIDs and digests are most of
 * what JSON holds. No value-shaped type fits in them (the shortest with few digits, an AWS key id, is 20 characters;
 * a Bech32 wallet address can be 14, and is kept out by its run of 14 letters and digits opening with "b"), so only
 * name-driven detectors (passwords, birth dates, Authorization) and custom types look at them.
 */
function isPlain(text: string, s: TextStats): boolean {
  if (s.identifier) return text.length <= 64;
  return text.length < 20 && s.digits < 4 && !s.at && s.colons < 2 && s.dots < 3 && !s.walletRun;
}

/**
 * The detectors of one classifier, with their floors indexed once. What the scanner reads of each detector is also
 * copied into arrays of one kind each: forty detector objects of different shapes make every property read in the
 * loop a megamorphic lookup, an array read is not.
 */
interface Plan {
  readonly all: readonly Detector[];
  readonly floors: FloorIndex;
  /** The detectors the value in hand meets the floors of, one bit each (see FloorIndex). */
  readonly selected: Int32Array;
  readonly mayMatch: readonly (Detector['mayMatch'] | undefined)[];
  readonly generic: readonly boolean[];
  readonly credential: readonly boolean[];
}

const plans = new WeakMap<readonly Detector[], Plan>();
/** The plan of the last detector list asked for: one classifier scans many values in a row. */
let lastPlan: Plan | undefined;

function planOf(detectors: readonly Detector[]): Plan {
  if (lastPlan?.all === detectors) return lastPlan;
  let plan = plans.get(detectors);
  if (plan === undefined) {
    const floors = new FloorIndex(detectors);
    plan = {
      all: detectors,
      floors,
      selected: new Int32Array(floors.words),
      mayMatch: detectors.map((d) => d.mayMatch),
      generic: detectors.map((d) => d.infoType === GENERIC),
      credential: detectors.map((d) => d.credential),
    };
    plans.set(detectors, plan);
  }
  return (lastPlan = plan);
}

const shared = new ScanContext('', undefined);
let sharedInUse = false;

/** What most values yield, shared rather than allocated per value (callers only read it). */
const NO_MATCHES: readonly Match[] = [];

/**
 * Runs every detector over one value (a JSON leaf, a header, a parameter, a path segment or a whole text body) and
 * returns the matches at or above low confidence. Specific credential types win over the Generic Secret fallback
 * where they overlap: an access token that is a JWT is reported as a JSON Web Token, not twice.
 */
export function scanValue(
  text: string,
  field: FieldContext | undefined,
  detectors: readonly Detector[],
  proximity: number = DEFAULT_PROXIMITY,
): readonly Match[] {
  // Nothing shorter than four characters is any of the types (the shortest, a password, needs four).
  if (text.length < 4) return NO_MATCHES;
  const plan = planOf(detectors);
  // One context and one selection serve every value in turn. A detector that scans another value from inside its own
  // detect (a custom type could) gets a context and a selection of its own, so the outer value's are not reset under it.
  if (sharedInUse)
    return scanWith(new ScanContext(text, field, proximity), text, plan, new Int32Array(plan.floors.words));
  sharedInUse = true;
  try {
    return scanWith(shared.reset(text, field, proximity), text, plan, plan.selected);
  } finally {
    sharedInUse = false;
  }
}

function scanWith(ctx: ScanContext, text: string, plan: Plan, selected: Int32Array): readonly Match[] {
  let matches: Match[] | undefined;
  let credentials: Match[] | undefined;
  const stats = ctx.stats;
  plan.floors.select(text.length, stats, isPlain(text, stats), selected);
  const list = plan.all;
  for (let w = 0; w < selected.length; w++) {
    // Set bits in ascending order: detectors run in list order, as the credential rule below relies on.
    for (let bits = selected[w] as number; bits !== 0; bits &= bits - 1) {
      const i = (w << 5) + 31 - Math.clz32(bits & -bits);
      // A value a credential type already covers (a JWT in access_token) needs no generic look: it would be dropped.
      if (plan.generic[i] === true && credentials !== undefined && coversValue(credentials, text.length)) continue;
      const detector = list[i] as Detector;
      const mayMatch = plan.mayMatch[i];
      // Called on the detector, as `detector.mayMatch(…)` would be: a prefilter written as a method may read `this`.
      if (mayMatch !== undefined && !mayMatch.call(detector, text, ctx)) continue;
      const found = detector.detect(ctx);
      for (let f = 0; f < found.length; f++) {
        const m = found[f] as Match;
        if (m.score < LOW) continue;
        (matches ??= []).push(m);
        if (plan.credential[i] === true) (credentials ??= []).push(m);
      }
    }
  }
  if (matches === undefined) return NO_MATCHES;
  if (credentials === undefined && matches.length === 1) return matches;
  const all = matches;
  const spans = credentials ?? [];
  return all.filter((m) => {
    if (m.infoType === GENERIC) return !spans.some((c) => c.start < m.end && m.start < c.end);
    return !all.some((o) => outranks(o, m));
  });
}

/** A credential match spans (nearly) the whole value. */
function coversValue(credentials: readonly Match[], length: number): boolean {
  for (const c of credentials) if (c.end - c.start >= length * 0.9) return true;
  return false;
}

/**
 * Negative evidence between value types: a span validated as one type is not reported as another. The more confident
 * match wins where two overlap, then the longer (the digits inside an IBAN are its account number, not a card or a
 * phone); a phone number gives way to any other type reported on the same digits. Credential types nest on purpose
 * (an Authorization header carrying a JWT is both), so they are left to the Generic Secret rule above.
 */
function outranks(o: Match, m: Match): boolean {
  if (o === m || o.infoType === m.infoType || o.infoType === GENERIC || !(o.start < m.end && m.start < o.end))
    return false;
  if (CREDENTIAL_TYPES.has(o.infoType) || CREDENTIAL_TYPES.has(m.infoType)) return false;
  // Any reportable identifier on the same digits beats a phone reading of them, unless the phone is the surer one.
  if (m.infoType === PHONE && (o.score >= MEDIUM || o.score >= m.score)) return true;
  if (o.score !== m.score) return o.score > m.score;
  return o.end - o.start > m.end - m.start;
}
