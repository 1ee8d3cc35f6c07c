/**
 * The example estate with a distinct canary secret in every place Azure exports and gateway logs carry one:
 * APIM subscription keys and named values, backend credentials, function keys (host keys and `code=` in invoke
 * URLs), app settings and connection strings, storage account keys, SAS URLs (`sig=`), Logic App trigger callback
 * URLs, a SAS URL in policy XML; and gateway log rows with bearer tokens and keys in headers, keys in query strings,
 * connection strings and storage keys in bodies. Subscription ids are fresh, so the estate is isolated in a shared
 * Neo4j database.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { copyFixture } from '../support/cli.js';

const CONTOSO = 'examples/contoso';
const SUBS = ['5e7a1c3d-2b4f-4d6e-8a9c-0b1d2e3f4a5b', '9c4e2a6b-8d1f-4b3a-9e5c-7d6f8a0b1c2d'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SeededEstate {
  readonly dir: string;
  readonly subscriptions: readonly string[];
  /** Canary token → where it was put. */
  readonly canaries: ReadonlyMap<string, string>;
}

export async function seedSecrets(dir: string): Promise<SeededEstate> {
  const subscriptions = SUBS.map(() => randomUUID());
  await copyFixture(CONTOSO, dir, Object.fromEntries(SUBS.map((s, i) => [s, subscriptions[i]!])));
  const canaries = new Map<string, string>();
  // Each canary starts with its own token, and leaks are searched by token: a partial copy is caught too.
  const canary = (where: string): string => {
    const token = `Cnry${canaries.size}x${randomBytes(8).toString('hex')}`;
    canaries.set(token, where);
    return token;
  };
  // A storage account key is 64 random bytes in base64: this one is too, so detectors see a real-looking key.
  const storageKey = (where: string): string =>
    `${canary(where)}${randomBytes(64)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, 'A')}`.slice(0, 86) + '==';

  const seedRow = (row: Obj): void => {
    const type = String(row['type'] ?? '').toLowerCase();
    const p = isObj(row['properties']) ? row['properties'] : (row['properties'] = {});
    switch (type) {
      case 'microsoft.apimanagement/service/subscriptions':
        p['primaryKey'] = canary('APIM subscription primary key');
        p['secondaryKey'] = canary('APIM subscription secondary key');
        break;
      case 'microsoft.apimanagement/service/backends':
        p['credentials'] = {
          header: { 'x-functions-key': [canary('APIM backend credential header')] },
          query: { code: [canary('APIM backend credential query')] },
        };
        if (String(row['name']).includes('orders'))
          p['url'] = `${String(p['url'])}?sv=2022-11-02&ss=b&srt=o&sp=r&sig=${canary('SAS sig in a backend URL')}`;
        break;
      case 'microsoft.web/sites/functions':
        p['invoke_url_template'] =
          `${String(p['invoke_url_template'] ?? 'https://x.azurewebsites.net/api/x')}?code=${canary('function key in invoke URL')}`;
        break;
      case 'microsoft.storage/storageaccounts':
        p['keys'] = [{ keyName: 'key1', value: storageKey('storage account key'), permissions: 'FULL' }];
        break;
      case 'microsoft.logic/workflows':
        p['parameters'] = { apiKey: { type: 'SecureString', value: canary('Logic App workflow parameter') } };
        break;
      case 'microsoft.web/sites':
        p['siteConfig'] = {
          ...(isObj(p['siteConfig']) ? p['siteConfig'] : {}),
          appSettings: [
            {
              name: 'AzureWebJobsStorage',
              value: `DefaultEndpointsProtocol=https;AccountName=st;AccountKey=${storageKey('storage key in app settings')};EndpointSuffix=core.windows.net`,
            },
          ],
          connectionStrings: [
            {
              name: 'Db',
              type: 'SQLAzure',
              connectionString: `Server=tcp:sql.database.windows.net;User ID=app;Password=${canary('SQL password in a connection string')};`,
            },
          ],
        };
        break;
      case 'microsoft.apimanagement/service/apis/policies': {
        const xml = String(p['value'] ?? '');
        const sas = `https://stcontoso.blob.core.windows.net/exports?sv=2022-11-02&amp;sig=${canary('SAS sig in policy XML')}`;
        if (xml.includes('<inbound>'))
          p['value'] = xml.replace('<inbound>', `<inbound>\n<set-backend-service base-url="${sas}" />`);
        break;
      }
    }
  };

  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if (!path.endsWith('.json')) continue;
    const document: unknown = JSON.parse(await readFile(path, 'utf8'));
    const rows = Array.isArray(document)
      ? document
      : isObj(document)
        ? (document['value'] ?? document['data'] ?? [document])
        : [];
    if (Array.isArray(rows)) for (const row of rows) if (isObj(row)) seedRow(row);
    await writeFile(path, JSON.stringify(document, null, 1));
  }

  const sub = subscriptions[0]!;
  const apim = `/subscriptions/${sub}/resourceGroups/rg-apim-prod/providers/Microsoft.ApiManagement/service/apim-contoso-prod`;
  const site = `/subscriptions/${sub}/resourceGroups/rg-app-prod/providers/Microsoft.Web/sites/fn-orders-prod`;
  const logicUrl = (where: string) =>
    `https://prod-27.westeurope.logic.azure.com:443/workflows/4f1c/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${canary(where)}`;
  const extra = [
    {
      id: `${apim}/namedValues/fn-orders-prod-key`,
      type: 'Microsoft.ApiManagement/service/namedValues',
      name: 'fn-orders-prod-key',
      properties: { displayName: 'fn-orders-prod-key', secret: true, value: canary('APIM named value') },
    },
    {
      id: `${apim}/backends/logic-callback`,
      type: 'Microsoft.ApiManagement/service/backends',
      name: 'logic-callback',
      properties: { url: logicUrl('Logic App trigger callback URL in a backend'), protocol: 'http' },
    },
    {
      id: `${site}/host/default`,
      type: 'Microsoft.Web/sites/host',
      name: 'default',
      properties: {
        masterKey: canary('function master key'),
        functionKeys: { default: canary('function host key') },
        systemKeys: {},
      },
    },
    {
      id: `${site}/config/appsettings`,
      type: 'Microsoft.Web/sites/config',
      name: 'appsettings',
      properties: {
        AzureWebJobsStorage: `DefaultEndpointsProtocol=https;AccountName=st;AccountKey=${storageKey('storage key in appsettings config')};`,
        SCORING_KEY: canary('app setting'),
      },
    },
    {
      id: `${site}/config/connectionstrings`,
      type: 'Microsoft.Web/sites/config',
      name: 'connectionstrings',
      properties: { Db: { type: 'SQLAzure', value: `Server=tcp:x;Password=${canary('connection string')};` } },
    },
  ];
  await mkdir(join(dir, 'arm', 'secrets'), { recursive: true });
  await writeFile(join(dir, 'arm', 'secrets', 'more.json'), JSON.stringify({ value: extra }, null, 1));

  // Gateway log rows of the example estate, with credentials where callers and diagnostics put them.
  const logs = (await readFile(join(CONTOSO, 'logs', 'gateway-logs.ndjson'), 'utf8'))
    .split('\n')
    .filter((l) => l.trim());
  const seeded = logs.slice(0, 30).map((line, i) => {
    const row = JSON.parse(SUBS.reduce((text, s, j) => text.replaceAll(s, subscriptions[j]!), line)) as Obj;
    const url = String(row['Url']);
    row['Url'] =
      `${url}${url.includes('?') ? '&' : '?'}code=${canary(`function key in a logged URL (row ${i})`)}&subscription-key=${canary(`subscription key in a logged URL (row ${i})`)}`;
    if (i % 5 === 0) row['BackendUrl'] = logicUrl(`Logic App callback in a logged backend URL (row ${i})`);
    row['RequestHeaders'] = {
      Authorization: `Bearer ${canary(`bearer token in a logged header (row ${i})`)}`,
      'Ocp-Apim-Subscription-Key': canary(`subscription key in a logged header (row ${i})`),
      Cookie: `session=${canary(`cookie (row ${i})`)}`,
    };
    row['RequestBody'] = JSON.stringify({
      connectionString: `DefaultEndpointsProtocol=https;AccountName=st;AccountKey=${storageKey(`storage key in a logged body (row ${i})`)};EndpointSuffix=core.windows.net`,
      note: 'ok',
    });
    row['ResponseBody'] = JSON.stringify({
      access_token: canary(`token in a logged response body (row ${i})`),
      sas: `https://st.blob.core.windows.net/c?sv=2022-11-02&sig=${canary(`SAS sig in a logged body (row ${i})`)}`,
    });
    return JSON.stringify(row);
  });
  await writeFile(join(dir, 'logs', 'gateway-logs.ndjson'), seeded.join('\n'));
  return { dir, subscriptions, canaries };
}

/** The canaries found in a text (case-insensitive: ids are stored lower-cased), with where each was seeded. */
export function leaks(text: string, canaries: ReadonlyMap<string, string>): string[] {
  const lower = text.toLowerCase();
  return [...canaries]
    .filter(([value]) => lower.includes(value.toLowerCase()))
    .map(([value, where]) => `${where} (${value})`);
}
