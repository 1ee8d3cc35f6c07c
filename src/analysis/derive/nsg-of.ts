import type { GraphNode } from '../../model/index.js';
import { prop, type GraphView } from '../graph-view.js';
import type { ArmNetworkSecurityGroup } from '../reachability/index.js';

/*
 * The NSG that filters a NIC or subnet, as the NSG rule reader takes it. A stored NetworkSecurityGroup keeps its
 * rules as ARM returns them (`securityRules`, `defaultSecurityRules`), so the reader evaluates exported and effective
 * rules alike; these only find the node and name it.
 */
export function nsgOf(node: GraphNode | undefined): ArmNetworkSecurityGroup | null {
  if (!node) return null;
  return {
    id: node.id,
    name: prop.str(node, 'name') ?? node.id,
    properties: { securityRules: node.properties['securityRules'] ?? [], defaultSecurityRules: node.properties['defaultSecurityRules'] ?? [] },
  } as ArmNetworkSecurityGroup;
}

/** The NSG associated with a NIC or a subnet: by ATTACHED_TO edge, else by the id the resource names. */
export function attachedNsg(view: GraphView, node: GraphNode | undefined): ArmNetworkSecurityGroup | null {
  if (!node) return null;
  const byEdge = view.sources(node.id, 'ATTACHED_TO', 'NetworkSecurityGroup')[0];
  return nsgOf(byEdge ?? view.get(prop.str(node, 'networkSecurityGroupId') ?? ''));
}

/**
 * Azure's effective rules stored on a NIC or subnet (`effectiveSecurityRules`), as an NSG the reader evaluates; null
 * when none were ingested. They hold the default rules already, so the built-in defaults are not added again.
 */
export function effectiveNsgOf(node: GraphNode | undefined): ArmNetworkSecurityGroup | null {
  const effective = node?.properties['effectiveSecurityRules'];
  if (!node || !effective || typeof effective !== 'object' || Array.isArray(effective)) return null;
  const rules = Array.isArray(effective['rules']) ? effective['rules'] : [];
  const nsgId = typeof effective['networkSecurityGroupId'] === 'string' ? effective['networkSecurityGroupId'] : node.id;
  return {
    id: `effective:${nsgId}`,
    name: `${nsgId.slice(nsgId.lastIndexOf('/') + 1)} (effective rules)`,
    properties: { securityRules: rules, defaultSecurityRules: rules },
  } as ArmNetworkSecurityGroup;
}
