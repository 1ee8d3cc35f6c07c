import { APP_SERVICE_KINDS, FIREWALLED_DATA_STORE_KINDS, validateNode, type GraphNode } from '../../model/index.js';
import { prop, type GraphView } from '../graph-view.js';

/** Where a host name or IP address leads inside the estate, and how that was established. */
export interface HostTarget {
  readonly node: GraphNode;
  readonly how: string;
}

/** Host of a URL (or a bare host/IP), lower-cased, without port; null when it is not a URL. */
export function hostOf(urlOrHost: string): string | null {
  const text = urlOrHost.trim();
  if (!text) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    // An unresolved named value (`{{name}}`) or percent-encoded braces: no host anyone can name.
    return host && !/[{}]|%7b|%7d/.test(host) ? host : null;
  } catch {
    return null;
  }
}

/** Public-cloud data-plane host names of a data store, from its name (blob, queue, table, file and dfs for storage). */
function serviceHosts(store: GraphNode): string[] {
  const name = prop.str(store, 'name')?.toLowerCase();
  if (!name) return [];
  switch (store.kind) {
    case 'StorageAccount':
      return ['blob', 'queue', 'table', 'file', 'dfs', 'web'].map((service) => `${name}.${service}.core.windows.net`);
    case 'KeyVault':
      return [`${name}.vault.azure.net`];
    case 'CosmosDbAccount':
      return [`${name}.documents.azure.com`];
    case 'SqlServer':
      return [`${name}.database.windows.net`];
    case 'PostgreSqlServer':
      return [`${name}.postgres.database.azure.com`];
    case 'MySqlServer':
      return [`${name}.mysql.database.azure.com`];
    default:
      return [];
  }
}

/** The compute or network resource a NIC belongs to (its VM), or the NIC itself. */
function nicOwner(view: GraphView, nic: GraphNode): GraphNode {
  return view.targets(nic.id, 'ATTACHED_TO', 'VirtualMachine')[0] ?? nic;
}

/** The resource a public IP fronts: the VM behind its NIC, a load balancer, an application gateway, a scale set. */
export function publicIpOwner(view: GraphView, ip: GraphNode): GraphNode | undefined {
  const owner = view.out(ip.id, 'ATTACHED_TO').map((e) => view.get(e.to)).find((n) => n !== undefined);
  if (!owner) return undefined;
  return owner.kind === 'NetworkInterface' ? nicOwner(view, owner) : owner;
}

/**
 * An index from host names and IP addresses to the estate's resources: App Service default and custom host
 * names, Container App and container group FQDNs, API Management proxy hosts, Front Door hosts, data store
 * endpoints, public IP addresses and DNS names (resolved to what they are attached to), NIC private addresses.
 */
export class HostIndex {
  private readonly hosts = new Map<string, HostTarget[]>();
  /** `hostOf` per text: every operation of an API resolves the same serviceUrl, and URL parsing is not cheap. */
  private readonly hostOfText = new Map<string, string | null>();

  private hostOf(text: string): string | null {
    let host = this.hostOfText.get(text);
    if (host === undefined) {
      host = hostOf(text);
      this.hostOfText.set(text, host);
    }
    return host;
  }

  constructor(view: GraphView) {
    const add = (host: string | undefined | null, node: GraphNode, how: string) => {
      const key = host ? this.hostOf(host) : null;
      if (!key) return;
      const claims = this.hosts.get(key);
      if (!claims) this.hosts.set(key, [{ node, how }]);
      else if (!claims.some((c) => c.node.id === node.id)) claims.push({ node, how });
    };
    for (const site of view.ofKind(...APP_SERVICE_KINDS)) {
      add(prop.str(site, 'defaultHostName'), site, `default host name of ${site.kind} ${prop.str(site, 'name')}`);
      for (const host of prop.strs(site, 'hostNames')) add(host, site, `host name of ${site.kind} ${prop.str(site, 'name')}`);
    }
    for (const app of view.ofKind('ContainerApp', 'ContainerGroup', 'KubernetesCluster')) {
      add(prop.str(app, 'fqdn'), app, `FQDN of ${app.kind} ${prop.str(app, 'name')}`);
      add(prop.str(app, 'ipAddress'), app, `IP address of ${app.kind} ${prop.str(app, 'name')}`);
    }
    for (const gateway of view.ofKind('ApiGateway')) {
      for (const host of prop.strs(gateway, 'hostNames')) add(host, gateway, `proxy host of API Management ${prop.str(gateway, 'name')}`);
    }
    for (const door of view.ofKind('FrontDoor')) {
      for (const host of prop.strs(door, 'hostNames')) add(host, door, `frontend host of Front Door ${prop.str(door, 'name')}`);
    }
    for (const store of view.ofKind(...FIREWALLED_DATA_STORE_KINDS)) {
      const how = `endpoint of ${store.kind} ${prop.str(store, 'name')}`;
      for (const name of ['blobEndpoint', 'fullyQualifiedDomainName', 'documentEndpoint', 'vaultUri']) add(prop.str(store, name), store, how);
      // The public-cloud service hosts each data store answers on, whether or not the row listed them.
      for (const host of serviceHosts(store)) add(host, store, how);
    }
    for (const ip of view.ofKind('PublicIpAddress')) {
      const owner = publicIpOwner(view, ip);
      if (!owner) continue;
      const how = `public IP ${prop.str(ip, 'name')} attached to ${owner.kind} ${prop.str(owner, 'name')}`;
      add(prop.str(ip, 'ipAddress'), owner, how);
      add(prop.str(ip, 'fqdn'), owner, how);
    }
    for (const nic of view.ofKind('NetworkInterface')) {
      const owner = nicOwner(view, nic);
      for (const address of prop.strs(nic, 'privateIpAddresses')) add(address, owner, `private IP of NIC ${prop.str(nic, 'name')}`);
    }
  }

  /**
   * What a URL's host leads to. A host claimed by several resources (private addresses reused across VNets, or
   * copies of an estate) resolves within the caller's own subscription first, then to the first claim in id order,
   * so the result is deterministic.
   */
  resolve(urlOrHost: string, fromSubscriptionId?: string): { host: string; target: HostTarget | undefined } | null {
    const host = this.hostOf(urlOrHost);
    if (!host) return null;
    const claims = this.hosts.get(host);
    const local = fromSubscriptionId ? claims?.find((c) => c.node.properties['subscriptionId'] === fromSubscriptionId) : undefined;
    return { host, target: local ?? claims?.[0] };
  }
}

/** The ExternalHost node of a host outside the estate, made once per host in `known`. */
export function externalHost(known: Map<string, GraphNode>, host: string): GraphNode {
  const id = `host:${host}`;
  let node = known.get(id);
  if (!node) {
    node = validateNode({ id, kind: 'ExternalHost', properties: { name: host, hostName: host, source: 'analysis' } });
    known.set(id, node);
  }
  return node;
}
