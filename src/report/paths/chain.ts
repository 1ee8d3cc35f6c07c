import type { AttackPathRecord, PathStepRecord } from '../../analysis/paths/record.js';
import type { Insight } from '../../model/index.js';

/**
 * What a step's insights tell an analyst about that hop, in a word or two. InternetExposed is left out (the
 * chain starts at the internet) and so is AwaitingData (it says nothing about the path, only about the logs).
 */
const INSIGHT_NOTES: Partial<Record<Insight, string>> = {
  AllowsAnonymousAccess: 'anonymous',
  UnencryptedAccess: 'unencrypted',
  Inactive: 'inactive',
  GatewayBypass: 'gateway bypass',
  PublicDataAccess: 'public data access',
};

/** Kinds that name one API operation together: gateway/api/operation reads as the URL does. */
const API_PARTS = new Set(['ApiGateway', 'Api', 'ApiEndpoint']);

function notes(step: PathStepRecord): string[] {
  const out: string[] = [];
  for (const insight of step.insights) {
    if (insight === 'SensitiveData') out.push(step.labels.length ? `sensitive: ${step.labels.join(', ')}` : 'sensitive');
    else {
      const note = INSIGHT_NOTES[insight];
      if (note) out.push(note);
    }
  }
  return out;
}

/**
 * The whole path as one line: `internet → afd-contoso → apim-contoso-prod/partner-api/get-statement [anonymous,
 * sensitive: Confidential]`. The gateway, API and operation are joined, so two paths through the same gateway
 * to the same target read differently when their endpoints differ.
 */
export function pathChain(path: Pick<AttackPathRecord, 'steps'>): string {
  const parts: string[] = [];
  let api: PathStepRecord[] = [];
  const flush = () => {
    if (api.length === 0) return;
    const annotations = api.flatMap(notes);
    parts.push(`${api.map((s) => s.name).join('/')}${annotations.length ? ` [${annotations.join(', ')}]` : ''}`);
    api = [];
  };
  for (const step of path.steps) {
    if (API_PARTS.has(step.kind)) {
      // A gateway after an operation starts a new API hop (a gateway fronting another gateway).
      if (step.kind === 'ApiGateway') flush();
      api.push(step);
      continue;
    }
    flush();
    const annotations = notes(step);
    parts.push(step.kind === 'Internet' ? 'internet' : `${step.name}${annotations.length ? ` [${annotations.join(', ')}]` : ''}`);
  }
  flush();
  return parts.join(' → ');
}

/**
 * A chain broken across lines at its arrows to fit `width` (never cut: the endpoint in the middle is what tells
 * two paths apart). The first line starts with `indent`, the following ones with `indent` and `→ `.
 */
export function wrapChain(chain: string, width: number | undefined, indent = ''): string[] {
  const hops = chain.split(' → ');
  if (width === undefined) return [`${indent}${chain}`];
  const lines: string[] = [];
  let line = `${indent}${hops[0] ?? ''}`;
  for (const hop of hops.slice(1)) {
    const next = `${line} → ${hop}`;
    if (next.length <= width) line = next;
    else {
      lines.push(line);
      line = `${indent}  → ${hop}`;
    }
  }
  return [...lines, line];
}
