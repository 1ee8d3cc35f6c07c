/**
 * The insights the inventory offers as endpoint filters, in the model's order. The browser bundle cannot import
 * the model (its tsconfig compiles this folder alone), so the list is kept here and a test holds it to the model's
 * insights: every one except those set only on data stores (PublicDataAccess) and on TLS floors of gateways, apps
 * and stores (WeakTlsAllowed).
 */
export const ENDPOINT_FILTER_INSIGHTS = [
  'InternetExposed',
  'AllowsAnonymousAccess',
  'UnencryptedAccess',
  'Inactive',
  'AwaitingData',
  'SensitiveData',
  'GatewayBypass',
] as const;
