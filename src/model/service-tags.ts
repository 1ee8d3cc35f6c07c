/**
 * What an Azure service tag lets through when a rule allows it as a source. Microsoft's position (MSRC, June 2024):
 * a service tag is a routing aid, not a security boundary — where a service lets its customers choose where its
 * requests go, allowing its tag admits traffic other tenants control. Each tag is classed by who can originate
 * traffic from its ranges:
 *
 * - `customerOriginatable` — any customer of the named services (or of Azure) can shape requests that leave from
 *   the tag's ranges: reachable, as a shared-service exposure.
 * - `sharedEdge` — a shared edge (Front Door's origin-facing range) used by every tenant's instances: reachable by
 *   any tenant unless the origin also checks the owner's id (`X-Azure-FDID`).
 * - `infrastructure` — platform traffic only (health probes, control planes): never the internet.
 * - `unknown` — not catalogued or undocumented as a source: treated as customer-originatable, with low confidence.
 *
 * Regional tags (`Storage.WestEurope`) are subsets of their base tag and inherit its class. A rule naming several
 * tags takes the worst class among them (`worstTagClass`).
 */

export const SERVICE_TAG_CLASSES = ['customerOriginatable', 'sharedEdge', 'unknown', 'infrastructure'] as const;
export type ServiceTagClass = (typeof SERVICE_TAG_CLASSES)[number];

export interface ServiceTagEntry {
  /** The base tag name as Microsoft spells it. */
  readonly tag: string;
  readonly tagClass: ServiceTagClass;
  /** What the tag stands for, in Microsoft's words where they exist. */
  readonly meaning: string;
  /** For `customerOriginatable`: the services that let any customer send requests from the tag's ranges. */
  readonly services: readonly string[];
  /** The documentation that supports the class. */
  readonly source: string;
}

const DOC = {
  overview: 'https://learn.microsoft.com/azure/virtual-network/service-tags-overview',
  msrc: 'https://msrc.microsoft.com/blog/2024/06/improved-guidance-for-azure-network-service-tags/',
  tenable: 'https://www.tenable.com/blog/these-services-shall-not-pass-abusing-service-tags-to-bypass-azure-firewall-rules-customer',
  frontDoor: 'https://learn.microsoft.com/azure/frontdoor/origin-security',
  apim: 'https://learn.microsoft.com/azure/api-management/api-management-howto-ip-addresses',
  logicApps: 'https://learn.microsoft.com/azure/logic-apps/logic-apps-limits-and-config',
  devOps: 'https://learn.microsoft.com/azure/devops/organizations/security/allow-list-ip-url',
  dataFactory: 'https://learn.microsoft.com/azure/data-factory/azure-integration-runtime-ip-addresses',
  monitor: 'https://learn.microsoft.com/azure/azure-monitor/ip-addresses',
  availability: 'https://learn.microsoft.com/azure/azure-monitor/app/availability',
  trafficManager: 'https://learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring',
  appService: 'https://learn.microsoft.com/azure/app-service/overview-inbound-outbound-ips',
} as const;

const customer = (tag: string, meaning: string, services: string[], source: string): ServiceTagEntry => ({
  tag,
  tagClass: 'customerOriginatable',
  meaning,
  services,
  source,
});
const infra = (tag: string, meaning: string, source: string = DOC.overview): ServiceTagEntry => ({
  tag,
  tagClass: 'infrastructure',
  meaning,
  services: [],
  source,
});
const unknownTag = (tag: string, meaning: string, source: string = DOC.overview): ServiceTagEntry => ({
  tag,
  tagClass: 'unknown',
  meaning,
  services: [],
  source,
});

export const SERVICE_TAG_CATALOGUE: readonly ServiceTagEntry[] = [
  customer('AzureCloud', 'All datacenter public IP addresses, including those used by other Azure customers', ['every Azure service (any customer\'s compute)'], DOC.overview),
  // The control-plane tag; MSRC and Tenable list API Management among services whose customer-shaped requests leave from it.
  customer('ApiManagement', 'API Management control plane (management endpoint, policies, named values)', ['API Management (any tenant\'s instance)'], DOC.tenable),
  customer('ApplicationInsightsAvailability', 'Application Insights availability-test agents', ['Application Insights standard availability tests (any URL, verb, headers, body)'], DOC.availability),
  customer('ActionGroup', 'Azure Monitor action group notifications (webhooks, ITSM)', ['Azure Monitor action groups (webhooks to any URL)'], DOC.monitor),
  customer('AzureConnectors', 'Managed connectors: webhook callbacks and outbound calls to their services', ['Logic Apps and Power Automate managed and custom connectors'], DOC.logicApps),
  customer('LogicApps', 'Logic Apps runtime (multitenant)', ['Logic Apps HTTP actions (any URL, method, headers)', 'Power Automate'], DOC.logicApps),
  customer('AzureDevOps', 'Inbound connections from Azure DevOps: service hooks, data import, audit streaming', ['Azure DevOps service hooks (webhooks to any URL)'], DOC.devOps),
  customer('AzureMachineLearning', 'Azure Machine Learning', ['Azure Machine Learning'], DOC.tenable),
  customer('DataFactory', 'Azure Integration Runtime: all Azure IRs in a region share its ranges', ['Data Factory Web activity and HTTP copy (any URL)'], DOC.dataFactory),
  customer('AzureTrafficManager', 'Traffic Manager probe addresses', ['Traffic Manager health probes (any endpoint, port, path, custom headers)'], DOC.trafficManager),
  customer('AzureContainerRegistry', 'Azure Container Registry', ['Azure Container Registry tasks'], DOC.tenable),
  customer('ChaosStudio', 'Azure Chaos Studio', ['Chaos Studio experiments'], DOC.tenable),
  customer('AzureLoadTestingInstanceManagement', 'Azure Load Testing', ['Azure Load Testing'], DOC.tenable),
  customer('AzureVideoAnalyzerForMedia', 'Azure AI Video Indexer', ['Azure AI Video Indexer'], DOC.tenable),
  {
    tag: 'AzureFrontDoor.Backend',
    tagClass: 'sharedEdge',
    meaning: 'Addresses Front Door uses to connect to origins, shared by every tenant\'s Front Door profiles',
    services: ['Azure Front Door (any tenant\'s profile)'],
    source: DOC.frontDoor,
  },
  infra('AzureLoadBalancer', 'Host virtual IP 168.63.129.16, where platform health probes originate'),
  infra('VirtualNetwork', 'The virtual network\'s own space, peered and connected networks (not the internet unless a route widens it)'),
  infra('AzureFrontDoor.FirstParty', 'Front Door for Microsoft first-party services only'),
  infra('GatewayManager', 'Management traffic for VPN Gateway and Application Gateway'),
  infra('AppServiceManagement', 'Management traffic for App Service Environment deployments'),
  infra('AppService', 'Inbound addresses of multitenant App Service apps (not their outbound addresses)', DOC.appService),
  infra('BatchNodeManagement', 'Batch management traffic'),
  infra('AzureActiveDirectoryDomainServices', 'Entra Domain Services management traffic'),
  infra('SqlManagement', 'SQL management traffic'),
  infra('AzurePlatformDNS', 'Platform DNS (outbound only)'),
  infra('AzurePlatformIMDS', 'Instance metadata service (outbound only)'),
  infra('AzurePlatformLKM', 'Windows licensing (outbound only)'),
  unknownTag('AzureFrontDoor.Frontend', 'Azure Front Door client-facing side; not documented as an origin-facing source'),
  unknownTag('AzureMonitor', 'Log Analytics, Application Insights and metrics ingestion endpoints (a destination tag)'),
  unknownTag('Storage', 'Azure Storage endpoints (a destination tag)'),
  unknownTag('Sql', 'Azure SQL, MySQL, PostgreSQL, MariaDB and Synapse endpoints (a destination tag)'),
  unknownTag('AzureCosmosDB', 'Azure Cosmos DB endpoints (a destination tag)'),
  unknownTag('AzureKeyVault', 'Azure Key Vault endpoints (a destination tag)'),
  unknownTag('EventHub', 'Event Hubs endpoints (a destination tag)'),
  unknownTag('ServiceBus', 'Service Bus Premium endpoints (a destination tag)'),
  unknownTag('AzureActiveDirectory', 'Microsoft Entra ID (a destination tag)'),
  unknownTag('LogicAppsManagement', 'Management traffic for Logic Apps'),
  unknownTag('DataFactoryManagement', 'Management traffic for Data Factory'),
  unknownTag('AzureBackup', 'Azure Backup (a destination tag)'),
  unknownTag('AzureBotService', 'Azure Bot Service'),
  unknownTag('AzureEventGrid', 'Azure Event Grid (webhook deliveries go to subscriber-chosen URLs; tag coverage undocumented)'),
  unknownTag('AzureContainerAppsService', 'Azure Container Apps service (meaning undocumented)'),
];

const BY_NAME: ReadonlyMap<string, ServiceTagEntry> = new Map(SERVICE_TAG_CATALOGUE.map((e) => [e.tag.toLowerCase(), e]));

/** A tag as a rule names it, resolved against the catalogue. */
export interface ServiceTagVerdict {
  /** The tag as written. */
  readonly tag: string;
  readonly tagClass: ServiceTagClass;
  /** The catalogue entry that decided (the base entry for a regional tag); null for an uncatalogued tag. */
  readonly entry: ServiceTagEntry | null;
}

/**
 * The catalogue entry for a tag name, case-insensitively (Azure's own casing is not uniform: `AzureCloud.westeurope`,
 * `ApiManagement.WestEurope`). A regional tag inherits from its base: the longest catalogued prefix before a dot
 * wins, so `AzureFrontDoor.Backend` stays itself while `Storage.WestEurope` resolves to `Storage`.
 */
export function lookupServiceTag(name: string): ServiceTagEntry | null {
  let key = name.trim().toLowerCase();
  for (;;) {
    const entry = BY_NAME.get(key);
    if (entry) return entry;
    const dot = key.lastIndexOf('.');
    if (dot <= 0) return null;
    key = key.slice(0, dot);
  }
}

/** The class of one tag; an uncatalogued tag is `unknown` (treated as reachable, said to be unknown). */
export function classifyServiceTag(name: string): ServiceTagVerdict {
  const entry = lookupServiceTag(name);
  return { tag: name.trim(), tagClass: entry?.tagClass ?? 'unknown', entry };
}

/** Worst first: the order in which a class lets more of the world in. */
const SEVERITY: Readonly<Record<ServiceTagClass, number>> = {
  customerOriginatable: 3,
  sharedEdge: 2,
  unknown: 1,
  infrastructure: 0,
};

/** The worst class among the tags a rule names (a multi-source rule is as open as its most open tag). */
export function worstTagClass(names: readonly string[]): ServiceTagClass | null {
  let worst: ServiceTagClass | null = null;
  for (const name of names) {
    const { tagClass } = classifyServiceTag(name);
    if (worst === null || SEVERITY[tagClass] > SEVERITY[worst]) worst = tagClass;
  }
  return worst;
}

/** Whether traffic from a class's ranges counts as the internet for reachability (everything but infrastructure). */
export function tagAdmitsInternet(tagClass: ServiceTagClass): boolean {
  return tagClass !== 'infrastructure';
}

/** What the owner should do instead of trusting the tag. */
export function serviceTagFix(verdict: ServiceTagVerdict): string {
  const base = verdict.entry?.tag.toLowerCase() ?? '';
  if (base === 'azurefrontdoor.backend')
    return 'also require the X-Azure-FDID header to equal your Front Door profile\'s id (access-restriction headers or a WAF rule), or use a Private Link origin';
  if (base === 'apimanagement')
    return 'admit the gateway\'s dedicated public IP addresses, put the backend behind a private endpoint or VNet the gateway reaches, or validate a client certificate or an Entra token from the gateway\'s managed identity in the backend';
  return 'admit only your own callers\' dedicated addresses, a private endpoint or VNet, or authenticate the caller in the backend (client certificate or Entra token of a managed identity)';
}
