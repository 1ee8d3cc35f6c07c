import type { Recommendation } from './types.js';

/**
 * Recommendations for WeakTlsAllowed, one per family that exposes a TLS floor. Names are Defender's for App Service
 * and Function Apps ("… should use the latest TLS version") and Azure Policy's for storage and SQL; the APIM one is
 * ours (Defender has no APIM TLS recommendation). Fixing the setting clears the insight; it breaks no path.
 */
export const WEAK_TLS_RECOMMENDATIONS: readonly Recommendation[] = [
  {
    id: 'apim-gateway-latest-tls',
    name: 'API Management gateways should accept only TLS 1.2 or later',
    origin: 'apiposture',
    severity: 'Medium',
    insight: 'WeakTlsAllowed',
    appliesTo: ['ApiGateway'],
    effect: { kind: 'clearInsight' },
    description: 'The gateway accepts SSL 3.0, TLS 1.0 or TLS 1.1, or the TripleDes168 cipher, from callers.',
    remediation: [
      'Set the Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10, .Tls11 and .Ssl30 custom properties to False.',
      'Set Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TripleDes168 to False.',
    ],
  },
  {
    id: 'web-app-latest-tls',
    name: 'App Service apps should use the latest TLS version',
    origin: 'defender',
    severity: 'Medium',
    insight: 'WeakTlsAllowed',
    appliesTo: ['WebApp', 'LogicApp'],
    effect: { kind: 'clearInsight' },
    description: 'The site accepts TLS older than 1.2 (siteConfig.minTlsVersion).',
    remediation: ['Set siteConfig.minTlsVersion to 1.2 or later.'],
  },
  {
    id: 'function-app-latest-tls',
    name: 'Function apps should use the latest TLS version',
    origin: 'defender',
    severity: 'Medium',
    insight: 'WeakTlsAllowed',
    appliesTo: ['FunctionApp'],
    effect: { kind: 'clearInsight' },
    description: 'The Function App accepts TLS older than 1.2 (siteConfig.minTlsVersion).',
    remediation: ['Set siteConfig.minTlsVersion to 1.2 or later.'],
  },
  {
    id: 'storage-minimum-tls',
    name: 'Storage accounts should have the specified minimum TLS version',
    origin: 'apiposture',
    severity: 'Medium',
    insight: 'WeakTlsAllowed',
    appliesTo: ['StorageAccount'],
    effect: { kind: 'clearInsight' },
    description: 'The storage account accepts TLS older than 1.2 (minimumTlsVersion).',
    remediation: ['Set minimumTlsVersion to TLS1_2.'],
  },
  {
    id: 'sql-minimum-tls',
    name: 'Azure SQL Database should be running TLS version 1.2 or newer',
    origin: 'apiposture',
    severity: 'Medium',
    insight: 'WeakTlsAllowed',
    appliesTo: ['SqlServer'],
    effect: { kind: 'clearInsight' },
    description: 'The SQL server accepts TLS older than 1.2 (minimalTlsVersion).',
    remediation: ['Set minimalTlsVersion to 1.2.'],
  },
];
