import { LOW } from './confidence.js';
import { DEFAULT_PROXIMITY, ScanContext } from './context.js';
import type { Detector } from './detectors/index.js';
import type { FieldContext, Match } from './types.js';

const IBAN = 'International Banking Account Number (IBAN)';
const GENERIC = 'Generic Secret';

/**
 * Short values without digits or structure ("pending", "EUR", a first name), timestamps, UUIDs and digests are most of
 * what JSON holds. No value-shaped type fits in them (the shortest, an AWS key id, is 20 characters), so only
 * name-driven detectors (passwords, birth dates, Authorization) and custom types look at them.
 */
function isPlain(text: string, ctx: ScanContext): boolean {
  const s = ctx.stats;
  if (s.identifier) return text.length <= 64;
  return text.length < 20 && s.digits < 4 && !s.at && s.colons < 2 && s.dots < 3;
}

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
): Match[] {
  // Nothing shorter than four characters is any of the types (the shortest, a password, needs four).
  if (text.length < 4) return [];
  const ctx = new ScanContext(text, field, proximity);
  const plain = isPlain(text, ctx);
  let matches: Match[] | undefined;
  let credentials: Match[] | undefined;
  for (const detector of detectors) {
    if (plain && detector.plain !== true) continue;
    // A value a credential type already covers (a JWT in access_token) needs no generic look: it would be dropped.
    if (detector.infoType === GENERIC && credentials?.some((c) => c.end - c.start >= text.length * 0.9)) continue;
    if (!detector.mayMatch(text, ctx)) continue;
    for (const found of detector.detect(ctx)) {
      if (found.score < LOW) continue;
      (matches ??= []).push(found);
      if (detector.credential) (credentials ??= []).push(found);
    }
  }
  if (matches === undefined) return [];
  if (credentials === undefined && matches.length === 1) return matches;
  const all = matches;
  const spans = credentials ?? [];
  return all.filter((m) => {
    if (m.infoType === GENERIC && spans.some((c) => c.start < m.end && m.start < c.end)) return false;
    // Digits inside a checksum-valid IBAN are the account number, not a card, phone or SSN of their own.
    return !all.some(
      (o) =>
        o !== m && o.infoType === IBAN && o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start,
    );
  });
}
