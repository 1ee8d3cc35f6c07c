/**
 * Web front doors: App Service / Function Apps access restrictions (azure-data.md §3.2, §5.9) and Container Apps
 * ingress (§6.1).
 */
import { bool, num, obj, objects, str } from '../../util/json.js';
import { PUBLIC_ADDRESSES } from './address.js';
import { evaluateFirstMatch, sourceTerm, type OrderedRule, type SourceTerm } from './first-match.js';
import {
  allowEntry,
  allowListVerdict,
  disabledGate,
  perimeterGate,
  privateEndpointNote,
  verdict,
  withNotes,
  type Properties,
} from './paas-common.js';
import type { ServiceExposure } from './types.js';
import { classifyServiceTag } from '../../model/service-tags.js';
import { looksLikeServiceTag, ownerChecked } from './tag-exposure.js';

/** Nothing in App Service's restriction vocabulary names a VNet-only address by tag; subnets come as `vnetSubnetResourceId`. */
const NO_NON_INTERNET_TAGS: ReadonlySet<string> = new Set();

function headerText(headers: unknown): string {
  const h = obj(headers);
  if (!h) return '';
  const parts = Object.entries(h).map(
    ([name, values]) => `${name}: ${Array.isArray(values) ? values.join('|') : String(values)}`,
  );
  return parts.length > 0 ? ` [${parts.join('; ')}]` : '';
}

/**
 * One access-restriction rule as the internet sees it. A subnet rule admits VNet traffic only. `XffProxy` rules
 * match the X-Forwarded-For header, which a direct caller writes itself, so an Allow of that kind admits anyone.
 * Headers (`x-azure-fdid`, `x-fd-healthprobe`, `x-forwarded-host`) narrow a rule only for callers that do not send
 * them: an Allow keeps its address sources (annotated), a Deny with headers does not stop a caller who omits them.
 */
function toOrdered(rule: Record<string, unknown>, notes: string[]): OrderedRule | null {
  const allow = (str(rule['action']) ?? 'Allow').toLowerCase() === 'allow';
  const name = str(rule['name']) ?? '(unnamed rule)';
  const priority = num(rule['priority']) ?? null;
  const headers = headerText(rule['headers']);
  if (!allow && headers) return null;
  const xff = (str(rule['tag']) ?? '').toLowerCase() === 'xffproxy';
  if (!allow && xff) return null;
  let terms: SourceTerm[];
  if (str(rule['vnetSubnetResourceId'])) terms = [];
  else {
    const texts = (str(rule['ipAddress']) ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const headerNames = Object.keys(obj(rule['headers']) ?? {});
    terms = texts.map((text) => {
      const term = sourceTerm(text, NO_NON_INTERNET_TAGS);
      if (xff) return { text: `${text} (X-Forwarded-For, forgeable by a direct caller)`, addresses: PUBLIC_ADDRESSES };
      // Front Door's origin range is shared by every tenant; the X-Azure-FDID check ties it to one profile, so the
      // origin is reached only through that profile (its routes and WAF), never directly from the internet.
      if (allow && looksLikeServiceTag(text) && ownerChecked(classifyServiceTag(text), headerNames)) {
        notes.push(`rule ${name}: ${text} with an X-Azure-FDID check${headers}: reachable only through that Front Door profile`);
        return { text: `${text}${headers}`, addresses: [] };
      }
      return headers ? { ...term, text: `${text}${headers}` } : term;
    });
  }
  return { name, priority, allow, terms };
}

/**
 * First-match over the access restrictions, then the default action. `ipSecurityRestrictionsDefaultAction` absent:
 * Allow when there are no rules; Deny when rules exist (adding a rule closes everything else — the platform's
 * implicit last rule). The `Any` entry at priority 2147483647 that Azure returns mirrors the default action.
 */
function restrictionsExposure(
  rules: Record<string, unknown>[],
  defaultAction: string | null,
  site: string,
): ServiceExposure {
  const notes: string[] = [];
  const ordered = rules
    .map((rule) => toOrdered(rule, notes))
    .filter((r): r is OrderedRule => r !== null)
    .sort((a, b) => (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER));
  const allowByDefault = defaultAction ? defaultAction.toLowerCase() === 'allow' : rules.length === 0;
  const evidence = [
    `${site}: ${rules.length} access restriction rule(s), default action ${defaultAction ?? `not set (${allowByDefault ? 'Allow: no rules' : 'Deny: rules exist'})`}`,
  ];
  const result = evaluateFirstMatch(ordered, {
    name: `default action ${allowByDefault ? 'Allow' : 'Deny'}`,
    priority: null,
    allow: allowByDefault,
  });
  evidence.push(...notes);
  const by = `(rule ${result.rule}${result.priority === null ? '' : `, priority ${result.priority}`})`;
  if (result.scope === 'any') evidence.push(`open to the internet ${by}`);
  else if (result.scope === 'restricted') evidence.push(`open only to ${(result.sources ?? []).join(', ')} ${by}`);
  else evidence.push(`no internet source gets in ${by}`);
  return verdict(result.scope, evidence, result.sources);
}

/**
 * A stored App Service, Function or Logic App (Standard) site (model: WEB_SITE properties): `publicNetworkAccess`
 * and the access restrictions of its `config/web` (`ipSecurityRestrictions`, `ipSecurityRestrictionsDefaultAction`),
 * kept on the site node by the transforms. No restrictions stored: no rules, so the default action decides.
 */
export function appServiceExposure(site: Properties, which = 'main site'): ServiceExposure {
  const closed = disabledGate(site, 'app') ?? perimeterGate(site, 'app');
  if (closed) return withNotes(closed, privateEndpointNote(site, closed.scope));
  const rules = objects(site['ipSecurityRestrictions']);
  const result = restrictionsExposure(rules, str(site['ipSecurityRestrictionsDefaultAction']) ?? null, which);
  const lead = `publicNetworkAccess is ${str(site['publicNetworkAccess']) ?? 'not set (Enabled)'}`;
  return withNotes({ ...result, evidence: [lead, ...result.evidence] }, privateEndpointNote(site, result.scope));
}

/** The advanced-tools (Kudu/SCM) site: its own restrictions unless `scmIpSecurityRestrictionsUseMain`. */
export function appServiceScmExposure(site: Properties): ServiceExposure {
  if (bool(site['scmIpSecurityRestrictionsUseMain']) === true)
    return appServiceExposure(site, 'SCM site (uses the main site\'s restrictions)');
  return appServiceExposure(
    {
      ...site,
      ipSecurityRestrictions: site['scmIpSecurityRestrictions'] ?? [],
      ipSecurityRestrictionsDefaultAction: site['scmIpSecurityRestrictionsDefaultAction'] ?? null,
    },
    'SCM site',
  );
}

/**
 * A Container App as stored (model: ContainerApp, ContainerAppsEnvironment): `ingressExternal` and the ingress
 * `ipSecurityRestrictions`, and its environment's `internal` and `publicNetworkAccess`. Ingress absent or not
 * external: environment-internal. An internal environment has no public endpoint at all, whatever the app's
 * ingress says. IP restrictions are all-Allow (only those ranges get in) or all-Deny (everyone else gets in).
 */
export function containerAppExposure(app: Properties, environment?: Properties | null): ServiceExposure {
  if (bool(app['ingressExternal']) !== true)
    return verdict('none', ['ingress is not external (absent, or external: false): reachable only inside the Container Apps environment']);
  const evidence = ['ingress.external is true'];
  if (environment) {
    const closed = disabledGate(environment, 'Container Apps environment');
    if (closed) return closed;
    if (bool(environment['internal']) === true) {
      return verdict('none', [
        ...evidence,
        'the environment is internal (vnetConfiguration.internal): its ingress has no public IP',
      ]);
    }
    evidence.push('the environment is external (no vnetConfiguration.internal): its ingress has a public IP');
  } else evidence.push('environment not supplied: assumed to be public');
  const rules = objects(app['ipSecurityRestrictions']);
  const allows = rules.filter((r) => (str(r['action']) ?? '').toLowerCase() === 'allow');
  if (allows.length > 0) {
    const entries = allows
      .map((r) => str(r['ipAddressRange']))
      .filter((v): v is string => v !== undefined)
      .map(allowEntry);
    return allowListVerdict(entries, evidence, 'ipSecurityRestrictions (Allow)');
  }
  if (rules.length > 0)
    evidence.push(
      `ipSecurityRestrictions deny ${rules.map((r) => str(r['ipAddressRange']) ?? '?').join(', ')}; every other address gets in`,
    );
  else evidence.push('no ipSecurityRestrictions: every address gets in');
  return verdict('any', evidence);
}
