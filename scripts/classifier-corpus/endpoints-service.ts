import { requestHeaders, responseHeaders } from './common.js';
import type { EndpointSpec } from './endpoint.js';
import {
  AWS_DOC_KEY,
  epochMillis,
  fourPartVersion,
  placeholderSecret,
  sha1,
  sha512Base64,
  sriIntegrity,
} from './negatives.js';
import { awsKeyId, certificatePem, privateKeyPem, publicKeyPem } from './secrets.js';
import { AWS, EMAIL, IP, MAC, neg, pos, PRIVATE_KEY, SECRET } from './tags.js';
import { macAddress } from './values-national.js';
import { emailAddress, fullName, ip } from './values.js';

/** Service endpoints: health, telemetry, configuration, webhooks, build metadata. Versions, digests, keys. */
export const SERVICE: readonly EndpointSpec[] = [
  {
    id: 'health',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['health'],
      requestHeaders: requestHeaders(r, 'none', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        status: 'Healthy',
        version: neg(fourPartVersion(r), 'version-string'),
        build: neg(fourPartVersion(r), 'version-string'),
        commit: neg(sha1(r), 'sha1'),
        uptimeSeconds: r.int(100, 900000),
        dependencies: [
          { name: 'sql', status: 'Healthy', latencyMs: r.int(1, 40) },
          { name: 'redis', status: 'Healthy', latencyMs: r.int(1, 9) },
        ],
        startedAt: r.timestamp(),
      },
    }),
  },
  {
    id: 'telemetry.ingest',
    samples: 8,
    make: (r) => ({
      method: 'POST',
      path: ['v1', 'telemetry'],
      requestHeaders: requestHeaders(r, 'apim'),
      requestBody: {
        deviceId: neg(r.uuid(), 'uuid'),
        firmwareVersion: neg(fourPartVersion(r), 'version-string'),
        appVersion: neg(fourPartVersion(r), 'version-string'),
        os: 'Android 14',
        events: Array.from({ length: r.int(1, 3) }, () => ({
          name: r.pick(['app_open', 'checkout', 'crash']),
          ts: neg(epochMillis(r), 'epoch-millis'),
          durationMs: r.int(1, 9000),
        })),
        network: { clientIp: pos(ip(r), IP), mac: pos(macAddress(r), MAC), carrier: 'Contoso Mobile' },
      },
      responseHeaders: responseHeaders(r),
      responseCode: 202,
      responseBody: { accepted: true },
    }),
  },
  {
    id: 'config.get',
    samples: 16,
    make: (r) => {
      const real = r.chance(0.6);
      return {
        method: 'GET',
        path: ['v1', 'config'],
        requestHeaders: requestHeaders(r, 'apikey', false),
        responseHeaders: responseHeaders(r),
        responseCode: 200,
        responseBody: {
          featureFlags: { newCheckout: true, darkMode: false },
          aws: {
            region: 'eu-west-1',
            accessKeyId: real ? pos(awsKeyId(r), AWS) : neg(AWS_DOC_KEY, 'aws-doc-example'),
            secretAccessKey: real
              ? pos(r.bytes(30).toString('base64'), SECRET)
              : neg(placeholderSecret(r), 'placeholder-secret'),
          },
          signing: {
            ...(real ? { privateKey: pos(privateKeyPem(r), PRIVATE_KEY) } : {}),
            publicKey: neg(publicKeyPem(r), 'public-key'),
            certificate: neg(certificatePem(r), 'certificate'),
          },
        },
      };
    },
  },
  {
    id: 'webhooks.orders.receive',
    samples: 8,
    make: (r) => ({
      method: 'POST',
      path: ['hooks', 'orders'],
      requestHeaders: {
        'content-type': 'application/json',
        'x-hub-signature-256': neg(`sha256=${r.hex(64)}`, 'hmac-signature'),
        'x-delivery': neg(r.uuid(), 'uuid'),
      },
      requestBody: {
        event: 'order.created',
        orderId: `ORD-${r.digits(8)}`,
        customer: { email: pos(emailAddress(r), EMAIL), name: fullName(r) },
        occurredAt: r.timestamp(),
      },
      responseHeaders: responseHeaders(r),
      responseCode: 204,
    }),
  },
  {
    id: 'build.lockfile',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'build', 'lockfile'],
      requestHeaders: requestHeaders(r, 'jwt', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        lockfileVersion: 3,
        packages: Object.fromEntries(
          ['express', 'lodash', 'yaml'].map((name) => [
            `node_modules/${name}`,
            {
              version: `${r.int(1, 5)}.${r.int(0, 20)}.${r.int(0, 9)}`,
              resolved: `https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz`,
              integrity: neg(sriIntegrity(r), 'sri-integrity'),
            },
          ]),
        ),
        artifactDigest: neg(sha512Base64(r), 'sha512-base64'),
      },
    }),
  },
];
