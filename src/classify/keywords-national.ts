import type { Keywords } from './context.js';

/**
 * Supporting keywords for national identifiers, bank routing numbers, wallets and hardware addresses: the words of
 * Purview's keyword lists for each type (in the issuing country's language as well as English), as field-name tokens
 * and as text near a match.
 */
function kw(tokens: readonly string[], joined: readonly string[], text: RegExp): Keywords {
  return { names: { tokens, joined }, text };
}

export const ITIN_KW = kw(
  ['itin'],
  ['itin', 'taxpayerid', 'taxpayeridentification', 'individualtaxpayer'],
  /\bitin\b|taxpayer|tax id/i,
);
export const ABA_KW = kw(
  ['aba', 'rtn', 'routing'],
  ['routingnumber', 'abanumber', 'routingtransit', 'transitnumber', 'bankrouting'],
  /routing|\baba\b|\brtn\b|transit (?:no|number)/i,
);
export const NINO_KW = kw(
  ['nino', 'nin', 'ni'],
  ['nationalinsurance', 'insurancenumber', 'nino', 'ninumber'],
  /national insurance|\bnino\b|\bni (?:no|number)|insurance (?:no|number)/i,
);
export const NHS_KW = kw(
  ['nhs'],
  ['nhsnumber', 'nhsno', 'nationalhealthservice', 'healthservicenumber'],
  /\bnhs\b|national health service|health (?:service|care) (?:no|number)/i,
);
export const SIN_KW = kw(
  ['sin', 'nas'],
  ['socialinsurance', 'assurancesociale', 'sinnumber'],
  /\bsin\b|social insurance|assurance sociale|\bnas\b/i,
);
export const TFN_KW = kw(['tfn'], ['taxfilenumber', 'taxfile', 'tfn'], /\btfn\b|tax file/i);
export const ABN_KW = kw(
  ['abn'],
  ['abn', 'businessnumber', 'australianbusinessnumber'],
  /\babn\b|australian business number|business number/i,
);
export const MEDICARE_KW = kw(['medicare'], ['medicare', 'medicarecard'], /medicare/i);
export const INDIA_PAN_KW = kw(
  ['pan'],
  ['pancard', 'pannumber', 'permanentaccountnumber', 'incometax'],
  /permanent account|\bpan\b|income ?tax/i,
);
export const AADHAAR_KW = kw(
  ['aadhaar', 'aadhar', 'uid', 'uidai'],
  ['aadhaar', 'aadhar', 'uidai', 'uidnumber'],
  /aadhaa?r|\buid\b|uidai|आधार/i,
);
export const DNI_KW = kw(
  ['dni', 'nif', 'documento'],
  ['dni', 'nif', 'documentonacional', 'documentoidentidad', 'numerodocumento'],
  /\bdni\b|\bnif\b|documento nacional|d\.n\.i\.?|n[uú]mero de documento/i,
);
export const NIE_KW = kw(
  ['nie', 'nif', 'extranjero'],
  ['nie', 'nif', 'identidaddeextranjero', 'extranjero'],
  /\bnie\b|\bnif\b|extranjero|foreigner/i,
);
export const CODICE_FISCALE_KW = kw(
  ['cf', 'fiscale'],
  ['codicefiscale', 'fiscalcode', 'taxcode', 'codfisc'],
  /codice fiscale|fiscal code|\bc\.?f\.?\b|tax code|cod\. ?fisc/i,
);
export const NIR_KW = kw(
  ['insee', 'nir', 'secu', 'nss'],
  ['insee', 'numerosecu', 'securitesociale', 'numerodesecurite', 'socialsecurity', 'cartevitale'],
  /insee|\bnir\b|s[ée]curit[ée] sociale|\bs[ée]cu\b|social security|carte vitale/i,
);
export const GERMAN_TAX_KW = kw(
  ['idnr', 'steuerid', 'tin'],
  ['steuerid', 'steueridentifikationsnummer', 'identifikationsnummer', 'steuernummer', 'taxid'],
  /steuer-?id|steuer-?identifikations|identifikationsnummer|\bidnr\b|tax id|\btin\b/i,
);
export const PESEL_KW = kw(['pesel'], ['pesel', 'numerpesel'], /pesel/i);
export const NRIC_KW = kw(
  ['nric', 'fin', 'ic'],
  ['nric', 'identitycard', 'registrationidentity'],
  /\bnric\b|\bfin\b|identity card|\bi\/?c (?:no|number)/i,
);
export const RRN_KW = kw(
  ['rrn', 'jumin'],
  ['residentregistration', 'rrn', 'jumin', '주민등록번호'],
  /resident registration|\brrn\b|주민등록번호|jumin/i,
);
export const WALLET_KW = kw(
  ['wallet', 'btc', 'bitcoin', 'crypto', 'eth', 'ethereum'],
  ['wallet', 'bitcoin', 'btcaddress', 'cryptoaddress', 'payoutaddress', 'ethereum', 'ethaddress'],
  /wallet|bitcoin|\bbtc\b|crypto|\bsats?\b|ethereum|\beth\b/i,
);
export const MAC_KW = kw(
  ['mac', 'hwaddr', 'bssid', 'ether'],
  ['macaddress', 'macaddr', 'hwaddress', 'hardwareaddress', 'bssid', 'ethernetaddress'],
  /\bmac\b|mac address|hwaddr|hardware address|\bbssid\b|\bether\b/i,
);
