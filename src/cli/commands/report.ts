import type { Command } from 'commander';
import { StoredFacts } from '../../analysis/facts/index.js';
import type { StoreFlags } from '../../config/config.js';
import { renderHtmlReport } from '../../report/html/index.js';
import { renderMarkdownReport } from '../../report/markdown/index.js';
import { formatOption, outOption, storeOptions } from '../options.js';
import { emit } from '../output.js';
import { withAnalysedStore } from '../read-store.js';
import type { CommandContext } from './command-context.js';
import { chokePointsAndPlan, evaluateStoredGoals, loadFindings, loadPaths, provenanceLines } from './results.js';

interface ReportFlags extends StoreFlags {
  readonly format: 'md' | 'html';
  readonly out?: string;
  readonly policy?: string;
}

/** `report`: the full posture report (paths, findings, choke points, remediation plan, goals) in Markdown or HTML. */
export function registerReportCommand(program: Command, { io, action }: CommandContext): void {
  storeOptions(program.command('report'))
    .description('the full posture report: paths, findings, choke points, remediation plan, goals (stdout unless --out)')
    .addOption(formatOption(['md', 'html'] as const))
    .addOption(outOption())
    .option('--policy <file>', 'posture goals (YAML)')
    .action(
      action(async (flags: ReportFlags) => {
        await withAnalysedStore(flags, io, async (store, context) => {
          const facts = new StoredFacts(store, context.target);
          const paths = await loadPaths(store);
          const findings = await loadFindings(store);
          const { chokePoints, plan } = await chokePointsAndPlan(facts);
          const { file, bundled, evaluation } = await evaluateStoredGoals(facts, flags.policy);
          const provenance = provenanceLines(context, await store.countNodesByKind(), { file, bundled });
          const input = { paths, findings, plan, chokePoints, goals: evaluation, provenance };
          const text = flags.format === 'html' ? renderHtmlReport({ ...input, generatedAt: new Date().toISOString() }) : renderMarkdownReport(input);
          await emit(io, text, flags.out);
        });
      }),
    );
}
