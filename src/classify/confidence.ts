import type { Confidence } from './types.js';

/**
 * Purview's published confidence numbers: high = 85, medium = 75, low = 65 (the weakest SSN pattern uses 55, which we
 * drop). Detectors score 0–100; a score below LOW is not a finding.
 */
export const HIGH = 85;
export const MEDIUM = 75;
export const LOW = 65;

const RANK: Readonly<Record<Confidence, number>> = { low: 1, medium: 2, high: 3 };

export function confidenceOf(score: number): Confidence | undefined {
  if (score >= HIGH) return 'high';
  if (score >= MEDIUM) return 'medium';
  if (score >= LOW) return 'low';
  return undefined;
}

export function scoreOf(confidence: Confidence): number {
  switch (confidence) {
    case 'high':
      return HIGH;
    case 'medium':
      return MEDIUM;
    case 'low':
      return LOW;
  }
}

export function atLeast(confidence: Confidence, threshold: Confidence): boolean {
  return RANK[confidence] >= RANK[threshold];
}

export function isConfidence(value: unknown): value is Confidence {
  return value === 'low' || value === 'medium' || value === 'high';
}
