import type { ArmShape } from './arm-shape.js';
import type { ChildFetch, ParentResource } from './child-fetch.js';

/**
 * `FunctionEnvelope` members are camelCase in the SDK and snake_case on the wire (Kudu's shape, kept by ARM):
 * renames read from the App Service client's `functionEnvelopePropertiesDeserializer`. File contents and test
 * data are never copied: they can hold code, keys and sample payloads.
 */
const FUNCTION: ArmShape = {
  type: 'Microsoft.Web/sites/functions',
  renames: {
    functionAppId: 'function_app_id',
    scriptRootPathHref: 'script_root_path_href',
    scriptHref: 'script_href',
    configHref: 'config_href',
    testDataHref: 'test_data_href',
    secretsFileHref: 'secrets_file_href',
    invokeUrlTemplate: 'invoke_url_template',
  },
  drop: ['files', 'testData'],
};

/**
 * `config/web` as `webApps.getConfiguration` returns it (`type: Microsoft.Web/sites/config`, the id ends in
 * `/config/web`). App settings, connection strings, storage mounts and the machine key can carry secrets: not copied.
 */
const SITE_CONFIG: ArmShape = {
  type: 'Microsoft.Web/sites/config',
  drop: ['appSettings', 'connectionStrings', 'azureStorageAccounts', 'machineKey', 'publishingUsername'],
};

/**
 * EasyAuth (`config/authsettingsV2`): same ARM type as `config/web`, told apart by the id's last segment. Read with
 * `getAuthSettingsV2WithoutSecrets` (GET `config/authsettingsV2`): `getAuthSettingsV2` reads
 * `config/authsettingsV2/list` that returns the identity providers' client secrets.
 */
const AUTH_SETTINGS: ArmShape = { type: 'Microsoft.Web/sites/config' };

export interface WebOptions {
  /** Lower-cased ids of sites whose `config/web` Resource Graph already returned (`appserviceresources`). */
  readonly configFromResourceGraph: ReadonlySet<string>;
}

/**
 * A site's children that Resource Graph lacks: its functions (HTTP triggers, `authLevel`; function apps only),
 * `config/web` (access restrictions, TLS; skipped when `appserviceresources` already had it) and `authsettingsV2`
 * (a 404 is taken as EasyAuth never configured).
 */
export async function fetchWebChildren(site: ParentResource, fetch: ChildFetch, options: WebOptions): Promise<void> {
  const client = fetch.clients.web(site.subscriptionId);
  const { resourceGroup: rg, name } = site;
  await Promise.all([
    site.kind.includes('functionapp')
      ? fetch.list(
          site,
          'web.webApps.listFunctions',
          `${site.id}/functions`,
          () => client.webApps.listFunctions(rg, name),
          FUNCTION,
        )
      : null,
    options.configFromResourceGraph.has(site.id.toLowerCase())
      ? null
      : fetch.get(
          site,
          'web.webApps.getConfiguration',
          `${site.id}/config/web`,
          () => client.webApps.getConfiguration(rg, name),
          SITE_CONFIG,
        ),
    fetch.get(
      site,
      'web.webApps.getAuthSettingsV2WithoutSecrets',
      `${site.id}/config/authsettingsV2`,
      () => client.webApps.getAuthSettingsV2WithoutSecrets(rg, name),
      AUTH_SETTINGS,
    ),
  ]);
}
