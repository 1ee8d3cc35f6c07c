import { classifyMessage, type ApiMessage, type Finding } from '../../src/classify/index.js';

/** Info types found in a JSON response body at or above medium confidence, by JSON path. */
export function typesAt(body: unknown, minConfidence: 'low' | 'medium' | 'high' = 'medium'): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of classifyMessage({ responseBody: JSON.stringify(body) }, { minConfidence })) {
    const key = f.jsonPath ?? '(body)';
    (out[key] ??= []).push(f.infoType);
  }
  for (const key of Object.keys(out)) out[key]?.sort();
  return out;
}

/** The info types of one value held in a field of the given name. */
export function typesOf(name: string, value: unknown, minConfidence: 'low' | 'medium' | 'high' = 'medium'): string[] {
  return typesAt({ [name]: value }, minConfidence)[`$.${name}`] ?? [];
}

export function findingsOf(message: ApiMessage): Finding[] {
  return classifyMessage(message);
}

/** Locations as compact strings: `requestBody $.customer.ssn U.S. Social Security Number (SSN) high`. */
export function located(findings: readonly Finding[]): string[] {
  return findings
    .map((f) => `${f.location} ${f.jsonPath ?? f.key ?? ''} ${f.infoType} ${f.confidence}`.replace(/\s+/g, ' ').trim())
    .sort();
}

export {
  AUTH,
  AWS,
  CARD,
  DOB,
  EMAIL,
  IBAN,
  IP,
  JWT,
  PASSPORT,
  PHONE,
  PRIVATE_KEY,
  SAS,
  SECRET,
  SSN,
  STORAGE_CONN,
  STORAGE_KEY,
} from '../../scripts/classifier-corpus/tags.js';

/** Values built once for the tests (checksums computed by the corpus generator's helpers). */
export const VALUES = {
  visa: '4539148803436467',
  mastercard: '5375102433987211',
  ibanDe: 'DE89370400440532013000',
  ibanFr: 'FR6785608013630372147425737',
  storageKey: 'vp3EJr0WRqFfVdkRxwmQjrcC/9UuksvwIxNosX7eZXEUCtpcueq+zOVUCdaa0zL9WwaJUXdVKHu1J5KA16ycOA==',
  jwt: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE3MTk0NDIwMTR9.vp70weixXGLGcuC4zDQVjmsaDPBoFOF9d0Jh6KJDia114cWw_IPIYIaGz2rjzj6MvDcPOmdwgmgK3vMwHMMeh8PJIRK6s',
} as const;
