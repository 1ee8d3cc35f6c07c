/** Names the Neo4j store's queries share: the shared label, name quoting, and the kinds analysis owns. */
import { NODE_DECLARATIONS, type NodeKind } from '../../model/index.js';

/** Every node also carries this label, with an index on `id`, so any node is found by id alone. */
export const ENTITY_LABEL = 'Entity';

/** A label, type or property name from the closed model, quoted for query text. */
export const quoteName = (name: string) => `\`${name.replaceAll('`', '``')}\``;

/** Kinds that are not subscription-scoped: written by analysis only, replaced as a whole by each one. */
export const ANALYSIS_NODE_KINDS: readonly NodeKind[] = NODE_DECLARATIONS.filter((d) => !d.subscriptionScoped).map((d) => d.kind);
