import { APP_SERVICE_KINDS, type GraphNode, type JsonValue } from '../../model/index.js';
import { prop, type GraphView } from '../graph-view.js';
import type { InsightSet } from './collector.js';

/** TLS versions below 1.2 as App Service (`1.0`), storage (`TLS1_0`) and SQL (`1.1`) spell them. */
const OLD_TLS = /^(tls)?1[._]?[01]$|^tls1_[01]$|^1\.[01]$/i;

/**
 * APIM `customProperties` that turn on a weak client-side protocol or cipher when "True". The `Backend.` keys are
 * the gateway's own calls to backends, not what callers may use, so they are not read here.
 */
const GATEWAY_WEAK_SETTINGS: readonly (readonly [suffix: string, name: string])[] = [
  ['Gateway.Security.Protocols.Ssl30', 'SSL 3.0'],
  ['Gateway.Security.Protocols.Tls10', 'TLS 1.0'],
  ['Gateway.Security.Protocols.Tls11', 'TLS 1.1'],
  ['Gateway.Security.Ciphers.TripleDes168', 'cipher TripleDes168'],
];

/** What a gateway's customProperties turn on, named (`TLS 1.0`, `cipher TripleDes168`). */
function gatewayWeakSettings(gateway: GraphNode): string[] {
  const custom = gateway.properties['customProperties'];
  if (!custom || typeof custom !== 'object' || Array.isArray(custom)) return [];
  const on = Object.entries(custom).filter(([, v]) => String(v).toLowerCase() === 'true').map(([key]) => key);
  return GATEWAY_WEAK_SETTINGS.filter(([suffix]) => on.some((key) => key.endsWith(suffix))).map(([, name]) => name);
}

function evidence(versions: readonly string[], reasons: readonly string[]): JsonValue {
  return { source: 'configuration', versions: [...versions], reasons: [...reasons] };
}

/**
 * WeakTlsAllowed: the asset accepts TLS below 1.2 (or SSL 3.0, or a weak cipher). A separate weakness from
 * UnencryptedAccess, which keeps Defender's meaning (HTTP or WS accepted): traffic here is encrypted, but with a
 * protocol that has known attacks and that current guidance says to turn off.
 */
export function weakTlsInsights(view: GraphView, insights: InsightSet): void {
  for (const gateway of view.ofKind('ApiGateway')) {
    const weak = gatewayWeakSettings(gateway);
    if (weak.length) insights.add(gateway, 'WeakTlsAllowed', evidence(weak, [`the gateway accepts ${weak.join(', ')} (customProperties)`]));
  }
  for (const site of view.ofKind(...APP_SERVICE_KINDS)) {
    const version = prop.str(site, 'minTlsVersion');
    if (version && OLD_TLS.test(version)) insights.add(site, 'WeakTlsAllowed', evidence([version], [`minimum TLS version ${version}`]));
  }
  for (const store of view.ofKind('StorageAccount', 'SqlServer')) {
    const version = prop.str(store, 'minimumTlsVersion') ?? prop.str(store, 'minimalTlsVersion');
    if (version && OLD_TLS.test(version)) insights.add(store, 'WeakTlsAllowed', evidence([version], [`minimum TLS version ${version}`]));
  }
}
