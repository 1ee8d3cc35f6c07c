import type { AnalysisOptions, AnalysisOutput } from '../../analysis/analyze.js';
import { planRemediation } from '../../analysis/chokepoints/index.js';
import { DEFAULT_RISK_WEIGHTS } from '../../analysis/risk/index.js';
import { DEFAULT_DATA_DIR } from '../../config/config.js';
import { fixText, pathChain, wrapChain } from '../../report/paths/index.js';

const TOP_PATHS = 5;
const TOP_FIXES = 3;

export interface AnswersContext {
  readonly width?: number | undefined;
  /** The store flags the user gave, repeated in the suggested commands so they read the same store. */
  readonly storeArgs: string;
}

/** ` --data-dir X` / ` --store neo4j` when not the defaults, for the suggested next commands. */
export function storeArgsOf(flags: { store?: string; dataDir?: string }): string {
  if (flags.store === 'neo4j') return ' --store neo4j';
  return flags.dataDir && flags.dataDir !== DEFAULT_DATA_DIR ? ` --data-dir ${flags.dataDir}` : '';
}

/**
 * What `scan` and `demo` end with: the riskiest paths as whole chains (one per distinct chain), the fixes that
 * remove the most risk with the share each removes, and the commands to go further. Nothing is cut: chains wrap
 * at their arrows to the terminal's width.
 */
export function renderAnswers(output: AnalysisOutput, options: AnalysisOptions, context: AnswersContext): string {
  const lines: string[] = [];
  const records = output.paths.map((p) => p.record).sort((a, b) => a.rank - b.rank);
  if (records.length === 0) {
    lines.push('', 'No attack paths from the internet to data were found.');
  } else {
    const seen = new Set<string>();
    const top = records.filter((p) => {
      const chain = pathChain(p);
      if (seen.has(chain)) return false;
      seen.add(chain);
      return true;
    });
    lines.push('', `Top attack paths (of ${records.length}):`);
    for (const p of top.slice(0, TOP_PATHS)) {
      lines.push(`  ${p.rank}. ${p.riskLevel.toUpperCase()} ${p.score.toFixed(2)}  ${p.id}`, `     ${p.name}`, ...wrapChain(pathChain(p), context.width, '     '));
    }
    const plan = planRemediation(output.paths, output.findings, options.weights ?? DEFAULT_RISK_WEIGHTS, { maxFixes: TOP_FIXES });
    if (plan.steps.length) {
      lines.push('', 'Fix first:');
      for (const step of plan.steps) {
        const share = plan.totalRisk > 0 ? Math.round((100 * step.riskRemoved) / plan.totalRisk) : 0;
        const breaks = step.pathsBroken ? `, breaks ${step.pathsBroken} path(s)` : '';
        lines.push(`  ${step.order}. ${fixText(step.fix)}`, `     on ${step.fix.assetName}: removes ${share} % of the risk${breaks}`);
      }
      lines.push(`  ${plan.summary}`);
    }
  }
  const s = context.storeArgs;
  lines.push(
    '',
    'Next:',
    `  apiposture paths --group-by fix${s}        paths grouped by the fix that breaks them`,
    `  apiposture findings${s}                    recommendations, evidence and remediation`,
    `  apiposture report --format html --out report.html${s}`,
    `  apiposture serve${s}                       the web explorer at http://127.0.0.1:4000`,
  );
  return lines.join('\n');
}
