import { RISK_LEVELS, type RiskLevel } from '../../model/index.js';
import { MAX_PAGE_SIZE } from '../../store/query-options.js';
import { storeOf, type ApiContext } from '../context.js';
import { checkDeadline } from '../loaders.js';

/**
 * Stored attack paths per risk level (the web explorer's dashboard). The port has no filtered count, so each level
 * is paged through with the same property filter `attackPaths(filter: { riskLevel })` uses: the counts always
 * agree with what that query lists.
 */
export async function countPathsByRiskLevel(context: ApiContext): Promise<{ riskLevel: RiskLevel; count: number }[]> {
  const counts: { riskLevel: RiskLevel; count: number }[] = [];
  for (const riskLevel of RISK_LEVELS) {
    let count = 0;
    let after: string | null = null;
    for (;;) {
      checkDeadline(context.signal, context.deadline);
      const page = await storeOf(context).listNodes({
        kind: 'AttackPath',
        where: [{ property: 'riskLevel', op: 'eq', value: riskLevel }],
        first: MAX_PAGE_SIZE,
        after,
      });
      count += page.items.length;
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    counts.push({ riskLevel, count });
  }
  return counts;
}
