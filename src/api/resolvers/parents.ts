import type { ChokePoint, Fix, PlanStep, RemediationPlan } from '../../analysis/chokepoints/index.js';
import type { PathStepRecord } from '../../analysis/paths/index.js';
import type { ExplorerTemplate } from '../../explorer/index.js';
import type { GraphEdge, GraphNode } from '../../model/index.js';
import type { Neighbour } from '../../store/index.js';
import type { InventoryCounts } from './assets.js';
import type { Connection } from './connection.js';

/*
 * What the resolvers of each GraphQL object type receive as their parent: the model's own values, not copies shaped
 * like the SDL. The generated resolver types (src/api/generated/resolver-types.ts) map each type to these.
 */
export type AssetParent = GraphNode;
export type FindingParent = GraphNode;
export type AttackPathParent = GraphNode;
export type PathStepParent = PathStepRecord;
export type EdgeParent = GraphEdge;
export type NeighbourParent = Neighbour;
export type AssetConnectionParent = Connection<GraphNode>;
export type FindingConnectionParent = Connection<GraphNode>;
export type AttackPathConnectionParent = Connection<GraphNode>;
export type InventoryParent = InventoryCounts;
export type ChokePointParent = ChokePoint;
export type FixParent = Fix;
export type PlanStepParent = PlanStep;
export type RemediationPlanParent = RemediationPlan;
export type ExplorerTemplateParent = ExplorerTemplate;
