import { displayNameOf, type EdgeKind, type Insight, type NodeKind } from '../../model/index.js';
import type { AccessLevel } from '../derive/access-level.js';
import { nodeInsights } from '../paths/targets.js';
import type { FoundPath, PathAnchor } from '../paths/types.js';
import type { GraphIndex, LabelRef } from './graph-index.js';

export interface StepFacts {
  readonly id: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly insights: readonly Insight[];
  readonly labels: readonly LabelRef[];
  /** A storage account that allows anonymous blob reads (allowBlobPublicAccess): with PublicDataAccess, anyone may read. */
  readonly anonymousBlobAccess: boolean;
}

export interface EdgeFacts {
  readonly kind: EdgeKind;
  readonly ports?: readonly string[];
  readonly accessLevel?: AccessLevel;
  readonly roles?: readonly string[];
  readonly resolvedBy?: string;
  /** CAN_REACH: `any` (the internet at large) or `restricted` (named public ranges only). */
  readonly scope?: 'any' | 'restricted';
  /** CAN_REACH: service tags or switches through which other tenants of a shared service get in. */
  readonly sharedServiceTags?: readonly string[];
}

/** Everything the score depends on, and nothing else: a path's steps with their insights and labels, its edges. */
export interface PathFacts {
  readonly steps: readonly StepFacts[];
  readonly edges: readonly EdgeFacts[];
  readonly anchor: PathAnchor;
}

const ACCESS_LEVELS: ReadonlySet<string> = new Set(['read', 'write', 'admin']);

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** A step's display name: the one every surface shows (model/display-name.ts). */
export const stepName = displayNameOf;

export function pathFacts(path: FoundPath, index: GraphIndex): PathFacts {
  const steps = path.nodeIds.map((id): StepFacts => {
    const node = index.node(id);
    return {
      id,
      kind: node?.kind ?? 'ExternalHost',
      name: stepName(id, node?.properties['name']),
      insights: nodeInsights(node),
      labels: index.labels(id),
      anonymousBlobAccess: node?.kind === 'StorageAccount' && node.properties['allowBlobPublicAccess'] === true,
    };
  });
  const edges = path.edges.map((edge): EdgeFacts => {
    const p = edge.properties;
    const ports = strings(p['ports']);
    const roles = strings(p['roles']);
    const access = p['accessLevel'];
    const resolvedBy = p['resolvedBy'];
    const scope = p['scope'];
    const shared = strings(p['sharedServiceTags']);
    return {
      kind: edge.kind,
      ...(ports ? { ports } : {}),
      ...(typeof access === 'string' && ACCESS_LEVELS.has(access) ? { accessLevel: access as AccessLevel } : {}),
      ...(roles ? { roles } : {}),
      ...(typeof resolvedBy === 'string' ? { resolvedBy } : {}),
      ...(scope === 'any' || scope === 'restricted' ? { scope } : {}),
      ...(shared?.length ? { sharedServiceTags: shared } : {}),
    };
  });
  return { steps, edges, anchor: path.anchor };
}

/** The same path with one insight cleared on some steps: "what if this were fixed". */
export function withoutInsight(facts: PathFacts, stepIds: string | readonly string[], insight: Insight): PathFacts {
  const ids = typeof stepIds === 'string' ? [stepIds] : stepIds;
  return {
    ...facts,
    steps: facts.steps.map((s) =>
      ids.includes(s.id) && s.insights.includes(insight)
        ? { ...s, insights: s.insights.filter((i) => i !== insight) }
        : s,
    ),
  };
}
