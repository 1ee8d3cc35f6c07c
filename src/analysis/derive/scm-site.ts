import type { GraphNode } from '../../model/index.js';
import { prop } from '../graph-view.js';
import { widerScope, type ServiceExposure } from '../reachability/index.js';
import type { Reach } from './reach.js';

/**
 * The SCM (Kudu) site is a second door into an App Service app: its own access restrictions (unless it uses the
 * main site's), and publishing credentials that deploy code — the app's secrets and managed identity with it. It is
 * an entry point when it is reachable and accepts basic-auth publishing credentials (`basicPublishingCredentialsPolicies/scm`
 * allow: true), so a leaked publishing profile is enough; then the app is reachable even if its main site is not.
 * Otherwise its state is only noted. An unknown basic-auth setting is said to be unknown, not assumed.
 */
export function withScmSite(site: GraphNode, main: Reach | null, scm: ServiceExposure): Reach | null {
  const host = (prop.str(site, 'defaultHostName') ?? `${prop.str(site, 'name') ?? site.id}.azurewebsites.net`).replace(/^([^.]+)\./, '$1.scm.');
  const basic = prop.bool(site, 'scmBasicAuthAllowed');
  if (!scm.exposed || scm.scope === 'none') return main ? { ...main, evidence: [...main.evidence, `SCM site ${host}: not reachable from the internet`] } : null;
  const auth =
    basic === true
      ? 'basic-auth publishing credentials accepted (basicPublishingCredentialsPolicies/scm allow: true): a leaked publishing profile deploys code into the app'
      : basic === false
        ? 'basic-auth publishing credentials refused: only Entra principals with publish rights can deploy'
        : 'basic-auth publishing setting not supplied (basicPublishingCredentialsPolicies/scm)';
  const lines = [`SCM (Kudu) site ${host}: ${scm.evidence.join('; ')}`, `SCM site ${host}: ${auth}`];
  if (basic !== true) return main ? { ...main, evidence: [...main.evidence, ...lines] } : null;
  if (!main) {
    return { target: site, ports: ['443'], scope: scm.scope, evidence: [`reachable through its SCM (Kudu) site ${host} only`, ...lines], sources: scm.sources, scmBasicAuth: host };
  }
  const scope = widerScope(main.scope, scm.scope) as Reach['scope'];
  const sources = scope === 'restricted' ? [...new Set([...(main.sources ?? []), ...(scm.sources ?? [])])] : main.sources;
  return { ...main, scope, sources, evidence: [...main.evidence, ...lines], scmBasicAuth: host };
}

