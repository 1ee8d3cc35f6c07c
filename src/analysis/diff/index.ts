/**
 * Scan diff.
 *
 *   diffAnalyses(beforeNodes, afterNodes) → { paths: { new, resolved, changed, unchanged },
 *                                             findings: { new, resolved, changed, unchanged } }
 *
 * Inputs are AttackPath and Finding nodes (from two snapshots, two runs, or toAnalysisResult); other kinds are
 * ignored. Paths and findings are matched by their stable ids (hashes of step ids / recommendation and asset);
 * a path is changed when its score, level or factors differ, a finding when its severity or evidence does.
 */
export {
  diffAnalyses,
  type ScanDiff,
  type DiffPart,
  type PathSummary,
  type PathChange,
  type FindingSummary,
  type FindingChange,
} from './diff.js';
