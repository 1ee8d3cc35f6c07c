import { atLeast } from './confidence.js';
import { IDENTIFIER_SPECS, type IdentifierLabel } from './detectors/national-ids.js';
import type { BuiltInInfoType, Confidence, Finding } from './types.js';

/**
 * A sensitivity label in Purview's model: it applies when any of its info types is found at or above its confidence,
 * and among the labels that apply the highest priority wins (Defender for APIs reports "the highest priority
 * sensitivity label" per API collection).
 */
export interface SensitivityLabel {
  readonly name: string;
  readonly priority: number;
  readonly infoTypes: readonly string[];
  readonly minConfidence: Confidence;
}

function identifierTypes(label: IdentifierLabel): BuiltInInfoType[] {
  return IDENTIFIER_SPECS.filter((s) => s.label === label).map((s) => s.infoType);
}

const CONTACT: readonly BuiltInInfoType[] = ['Email Address', 'Phone Number', 'IP Address', 'MAC Address'];
const PERSONAL: readonly BuiltInInfoType[] = [
  'Date of Birth',
  'International Banking Account Number (IBAN)',
  'JSON Web Token',
  'Http Authorization Header',
  ...identifierTypes('personal'),
];
const RESTRICTED: readonly BuiltInInfoType[] = [
  'Credit Card Number',
  'U.S. Social Security Number (SSN)',
  'U.S./U.K. Passport Number',
  'Azure Storage Account Key',
  'Azure Storage Connection String',
  'Azure SAS Token',
  'AWS Access Key',
  'Private Key',
  'Generic Secret',
  'URL with Embedded Credentials',
  ...identifierTypes('restricted'),
];

/**
 * The default label set, after Microsoft's default Purview labels. Public has no types: it is for people to apply, and
 * is never inferred from the absence of findings.
 */
export const DEFAULT_LABELS: readonly SensitivityLabel[] = [
  { name: 'Public', priority: 0, infoTypes: [], minConfidence: 'medium' },
  { name: 'General', priority: 1, infoTypes: CONTACT, minConfidence: 'medium' },
  { name: 'Confidential', priority: 2, infoTypes: PERSONAL, minConfidence: 'medium' },
  { name: 'Highly Confidential', priority: 3, infoTypes: RESTRICTED, minConfidence: 'medium' },
];

export function labelApplies(label: SensitivityLabel, findings: readonly Finding[]): boolean {
  return findings.some((f) => label.infoTypes.includes(f.infoType) && atLeast(f.confidence, label.minConfidence));
}

/** The highest-priority label that applies to these findings, or undefined when none does. */
export function labelFor(
  findings: readonly Finding[],
  labels: readonly SensitivityLabel[] = DEFAULT_LABELS,
): SensitivityLabel | undefined {
  let best: SensitivityLabel | undefined;
  for (const label of labels) {
    if ((best === undefined || label.priority > best.priority) && labelApplies(label, findings)) best = label;
  }
  return best;
}
