import { azureSasToken, azureStorageAccountKey, azureStorageConnectionString } from './azure.js';
import { email, ipAddress, phone } from './contact.js';
import { awsAccessKey, httpAuthorizationHeader, jsonWebToken, privateKey } from './credentials.js';
import type { Detector } from './detector.js';
import { creditCard, iban } from './financial.js';
import { genericSecret } from './generic-secret.js';
import { dateOfBirth, passport, ssn } from './identity.js';
import { IDENTIFIER_DETECTORS } from './national-ids.js';
import { macAddress, urlCredentials } from './network.js';

export type { Detector } from './detector.js';
export { EMULATOR_ACCOUNT_KEY } from './azure.js';
export { secretKindOf } from './generic-secret.js';

/** The built-in recognisers, one per built-in info type. */
export const BUILT_IN_DETECTORS: readonly Detector[] = [
  creditCard,
  ssn,
  iban,
  email,
  phone,
  ipAddress,
  dateOfBirth,
  passport,
  jsonWebToken,
  httpAuthorizationHeader,
  azureStorageAccountKey,
  azureStorageConnectionString,
  azureSasToken,
  awsAccessKey,
  privateKey,
  genericSecret,
  ...IDENTIFIER_DETECTORS,
  macAddress,
  urlCredentials,
];

/** The built-in types that are credentials: they nest inside each other (a JWT inside an Authorization header). */
export const CREDENTIAL_TYPES: ReadonlySet<string> = new Set(
  BUILT_IN_DETECTORS.filter((d) => d.credential).map((d) => d.infoType),
);
