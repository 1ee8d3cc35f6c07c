import { requestHeaders, responseHeaders } from './common.js';
import type { EndpointSpec } from './endpoint.js';
import {
  AWS_DOC_KEY,
  EMULATOR_CONNECTION,
  EMULATOR_KEY,
  SAMPLE_JWT,
  pageToken,
  placeholderSecret,
  sha1,
  testCard,
} from './negatives.js';
import type { Rng } from './rng.js';
import {
  apiKey,
  connectionString,
  functionKey,
  sasQuery,
  serviceBusConnection,
  sqlConnection,
  storageAccount,
  storageKey,
} from './secrets.js';
import { EMAIL, IP, neg, pos, SAS, SECRET, STORAGE_CONN, STORAGE_KEY, type Tagged } from './tags.js';
import { emailAddress, fullName, publicIpv4 } from './values.js';

const SUB = '00000000-0000-0000-0000-000000000000';

/** A SAS query string as labelled query parameters: only the signature is the secret. */
function sasParams(r: Rng): (readonly [string, string | Tagged])[] {
  return [...new URLSearchParams(sasQuery(r))].map(
    ([name, value]) => [name, name === 'sig' ? pos(value, SAS) : value] as const,
  );
}

export const PLATFORM: readonly EndpointSpec[] = [
  {
    id: 'arm.storage.listKeys',
    samples: 8,
    make: (r) => ({
      method: 'POST',
      host: 'management.azure.com',
      path: [
        'subscriptions',
        SUB,
        'resourceGroups',
        'rg-data',
        'providers',
        'Microsoft.Storage',
        'storageAccounts',
        storageAccount(r),
        'listKeys',
      ],
      query: [['api-version', '2023-01-01']],
      requestHeaders: requestHeaders(r, 'jwt'),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        keys: ['key1', 'key2'].map((keyName) => ({
          creationTime: r.timestamp(),
          keyName,
          value: pos(storageKey(r), STORAGE_KEY),
          permissions: 'FULL',
        })),
      },
    }),
  },
  {
    id: 'functions.admin.settings',
    samples: 14,
    make: (r) => {
      const key = storageKey(r);
      return {
        method: 'GET',
        path: ['api', 'admin', 'settings'],
        requestHeaders: requestHeaders(r, 'jwt', false),
        responseHeaders: responseHeaders(r),
        responseCode: 200,
        responseBody: {
          AzureWebJobsStorage: r.chance(0.75)
            ? pos(connectionString(r, key), STORAGE_CONN, STORAGE_KEY)
            : neg(r.chance(0.5) ? EMULATOR_CONNECTION : 'UseDevelopmentStorage=true', 'emulator-connection-string'),
          FUNCTIONS_WORKER_RUNTIME: 'node',
          APPINSIGHTS_INSTRUMENTATIONKEY: neg(r.uuid(), 'uuid'),
          ServiceBusConnection: pos(serviceBusConnection(r), SECRET),
          SqlConnectionString: pos(sqlConnection(r), SECRET),
          WEBSITE_NODE_DEFAULT_VERSION: '~20',
          WEBSITE_RUN_FROM_PACKAGE: '1',
        },
      };
    },
  },
  {
    id: 'files.uploadUrl',
    samples: 8,
    make: (r) => ({
      method: 'POST',
      path: ['v1', 'files', 'upload-url'],
      requestHeaders: requestHeaders(r, 'jwt'),
      requestBody: {
        fileName: `${r.pick(['invoice', 'contract', 'scan'])}-${r.digits(5)}.pdf`,
        contentType: 'application/pdf',
      },
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        uploadUrl: pos(
          `https://${storageAccount(r)}.blob.core.windows.net/uploads/${r.uuid()}.pdf?${sasQuery(r)}`,
          SAS,
        ),
        expiresOn: r.timestamp(),
      },
    }),
  },
  {
    id: 'blob.download',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      host: `${storageAccount(r)}.blob.core.windows.net`,
      path: ['exports', `customers-${r.digits(8)}.csv`],
      query: sasParams(r),
      requestHeaders: {
        'x-ms-version': '2023-11-03',
        'user-agent': neg('azsdk-js-storage-blob/12.17.0 Node/20.11.1', 'user-agent-versions'),
      },
      responseHeaders: responseHeaders(r, false),
      responseCode: 200,
      responseBody: pos(
        `name,email,plan\n${Array.from({ length: 3 }, () => `${fullName(r)},${emailAddress(r)},${r.pick(['free', 'pro'])}`).join('\n')}\n`,
        EMAIL,
      ),
    }),
  },
];

export const GATEWAY: readonly EndpointSpec[] = [
  {
    id: 'apim.subscriptions.listSecrets',
    samples: 8,
    make: (r) => ({
      method: 'POST',
      host: 'management.azure.com',
      path: [
        'subscriptions',
        SUB,
        'resourceGroups',
        'rg-apim',
        'providers',
        'Microsoft.ApiManagement',
        'service',
        'apim-contoso',
        'subscriptions',
        r.hex(24),
        'listSecrets',
      ],
      query: [['api-version', '2022-08-01']],
      requestHeaders: requestHeaders(r, 'jwt'),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: { primaryKey: pos(r.hex(32), SECRET), secondaryKey: pos(r.hex(32), SECRET) },
    }),
  },
  {
    id: 'functions.httpTrigger',
    samples: 8,
    make: (r) => {
      const inQuery = r.chance(0.6);
      return {
        method: 'POST',
        host: `func-orders-${r.hex(4)}.azurewebsites.net`,
        path: ['api', 'ProcessOrder'],
        ...(inQuery ? { query: [['code', pos(functionKey(r), SECRET)]] as const } : {}),
        requestHeaders: {
          ...requestHeaders(r, 'none'),
          ...(inQuery ? {} : { 'x-functions-key': pos(functionKey(r), SECRET) }),
        },
        requestBody: { orderId: `ORD-${r.digits(8)}`, priority: r.int(1, 3) },
        responseHeaders: responseHeaders(r),
        responseCode: 200,
        responseBody: { status: 'processed', durationMs: r.int(5, 900) },
      };
    },
  },
  {
    id: 'edge.forward',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'catalog', 'featured'],
      requestHeaders: {
        ...requestHeaders(r, 'none', false),
        'x-forwarded-for': pos(`${publicIpv4(r)}, ${publicIpv4(r)}`, IP),
        'x-azure-fdid': neg(r.uuid(), 'uuid'),
      },
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: { items: [{ id: `P${r.digits(7)}`, title: 'Garden chair' }], cacheKey: neg(sha1(r), 'sha1') },
    }),
  },
  {
    id: 'docs.examples',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'docs', 'examples'],
      requestHeaders: requestHeaders(r, 'none', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        curl: neg(
          'curl -H "Authorization: Bearer <token>" https://api.contoso.com/v1/orders',
          'placeholder-authorization',
        ),
        sampleToken: neg(SAMPLE_JWT, 'jwt-io-sample'),
        sampleCard: neg(testCard(r), 'test-card'),
        storageEmulator: neg(EMULATOR_CONNECTION, 'emulator-connection-string'),
        emulatorKey: neg(EMULATOR_KEY, 'emulator-key'),
        awsExample: neg(AWS_DOC_KEY, 'aws-doc-example'),
        apiKey: neg(placeholderSecret(r), 'placeholder-secret'),
        clientSecret: neg(placeholderSecret(r), 'placeholder-secret'),
        password: neg(placeholderSecret(r), 'placeholder-secret'),
        nextPageToken: neg(pageToken(r), 'page-token'),
      },
    }),
  },
  {
    id: 'partners.sync',
    samples: 8,
    make: (r) => ({
      method: 'POST',
      path: ['v1', 'partners', 'sync'],
      requestHeaders: requestHeaders(r, r.pick(['basic', 'opaque'])),
      requestBody: {
        partnerId: neg(r.uuid(), 'uuid'),
        credentials: { clientId: neg(r.uuid(), 'uuid'), clientSecret: pos(apiKey(r), SECRET) },
        callback: { url: `https://partner.fabrikam.io/cb/${r.hex(8)}`, authToken: pos(apiKey(r), SECRET) },
        contactEmail: pos(emailAddress(r), EMAIL),
      },
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: { syncId: neg(r.uuid(), 'uuid'), syncedAt: r.timestamp(), records: r.int(1, 900) },
    }),
  },
];
