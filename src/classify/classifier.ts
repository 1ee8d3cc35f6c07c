import { atLeast } from './confidence.js';
import type { ClassifierConfig } from './config.js';
import { DEFAULT_PROXIMITY } from './context.js';
import { customDetector } from './custom.js';
import { BUILT_IN_DETECTORS, type Detector } from './detectors/index.js';
import { DEFAULT_WALK_BOUNDS } from './json-walk.js';
import { DEFAULT_LABELS, labelFor, type SensitivityLabel } from './labels.js';
import { scanMessage, type ApiMessage } from './message.js';
import type { Confidence, Finding } from './types.js';

export interface ClassifyOptions {
  /** Keep a masked sample (`4111********1111`) on each finding. Off by default: findings hold no values at all. */
  readonly keepMaskedSample?: boolean;
  /** Drop findings below this confidence (default: keep low, medium and high). */
  readonly minConfidence?: Confidence;
  /**
   * Bodies are scanned up to this many characters (default 1,000,000); a longer JSON body is read as text over that
   * prefix rather than parsed whole.
   */
  readonly maxBodyChars?: number;
  /** JSON arrays are sampled up to this many items (default 1,000). */
  readonly maxArrayItems?: number;
  /** At most this many JSON leaves are read per body (default 50,000). */
  readonly maxLeaves?: number;
}

/** Built-in and custom info types with their labels, ready to classify messages. Pure: no store, no I/O. */
export interface Classifier {
  readonly infoTypes: readonly string[];
  readonly labels: readonly SensitivityLabel[];
  classifyMessage(message: ApiMessage, options?: ClassifyOptions): Finding[];
  labelFor(findings: readonly Finding[]): SensitivityLabel | undefined;
}

export function createClassifier(config?: ClassifierConfig): Classifier {
  const detectors: readonly Detector[] = [
    ...BUILT_IN_DETECTORS,
    ...(config?.customInfoTypes ?? []).map(customDetector),
  ];
  const labels = config?.labels ?? DEFAULT_LABELS;
  return {
    infoTypes: detectors.map((d) => d.infoType),
    labels,
    classifyMessage(message, options = {}) {
      const findings = scanMessage(message, {
        detectors,
        proximity: DEFAULT_PROXIMITY,
        keepMaskedSample: options.keepMaskedSample ?? false,
        maxBodyChars: options.maxBodyChars ?? 1_000_000,
        walk: {
          maxArrayItems: options.maxArrayItems ?? DEFAULT_WALK_BOUNDS.maxArrayItems,
          maxLeaves: options.maxLeaves ?? DEFAULT_WALK_BOUNDS.maxLeaves,
        },
      });
      const floor = options.minConfidence;
      return floor === undefined ? findings : findings.filter((f) => atLeast(f.confidence, floor));
    },
    labelFor: (findings) => labelFor(findings, labels),
  };
}

let builtIn: Classifier | undefined;

/** Classifies one message with the built-in info types and default labels. */
export function classifyMessage(message: ApiMessage, options?: ClassifyOptions): Finding[] {
  builtIn ??= createClassifier();
  return builtIn.classifyMessage(message, options);
}
