import type { Keywords } from './context.js';

/**
 * Supporting keywords per built-in type: Purview's keyword lists (Keyword_cc_verification, Keyword_ssn,
 * Keyword_passport, Keyword_ipaddress …) adapted to API traffic, where field names carry most of the evidence, plus the
 * key-name dictionaries that API security tools share (password, apiKey, cardNumber, dob …).
 */
export const CARD: Keywords = {
  names: {
    tokens: [
      'card',
      'cc',
      'ccn',
      'pan',
      'creditcard',
      'debitcard',
      'cardnumber',
      'cardno',
      'visa',
      'mastercard',
      'amex',
    ],
    joined: ['cardnumber', 'creditcard', 'debitcard', 'cardno', 'cardnum', 'primaryaccountnumber', 'paymentcard'],
  },
  // Purview's corroboration for cards: a verification code, an expiry date or a card holder name next to the number.
  siblings: {
    tokens: ['cvv', 'cvc', 'cvv2', 'cvc2', 'cid', 'csc', 'exp', 'expiry', 'expiration', 'cardholder', 'brand'],
    joined: [
      'expmonth',
      'expyear',
      'expirymonth',
      'expiryyear',
      'expirationdate',
      'securitycode',
      'cardholder',
      'nameoncard',
    ],
  },
  text: /credit|debit|card|visa|master ?card|amex|american express|discover|\bjcb\b|diners|maestro|\bcvv|\bcvc|security code|expir|\bexp\b|\bcc\b|\bpan\b/i,
};

/** Programme cards print Luhn-valid numbers too (loyalty, membership, library cards): not payment cards. */
export const NON_PAYMENT_CARD = {
  tokens: ['loyalty', 'membership', 'member', 'reward', 'rewards', 'library', 'club', 'frequent', 'flyer'],
} as const;

export const SSN: Keywords = {
  names: {
    tokens: ['ssn', 'ssns', 'ssid', 'ss#', 'ssn#', 'tin', 'itin'],
    joined: ['ssn', 'socialsecurity', 'socsec', 'taxpayerid', 'taxid', 'ssanumber'],
  },
  text: /\bssns?\b|\bss#|\bssn#|\bssid\b|\bsoc\.? ?sec|social[ -]?security|\bssa\b|\btin\b|\btaxpayer/i,
};

export const PASSPORT: Keywords = {
  names: { tokens: ['passport'], joined: ['passport', 'passeport', 'reisepass'] },
  text: /passport|passeport|reisepass|pasaporte|\bpass(?:port)? ?(?:no|num|#)/i,
};

export const BIRTH: Keywords = {
  names: {
    tokens: ['dob', 'birth', 'birthday', 'birthdate', 'born', 'geburtsdatum'],
    joined: ['dateofbirth', 'birthdate', 'birthday', 'datebirth', 'geburtsdatum', 'fechanacimiento'],
  },
  text: /\bdob\b|d\.o\.b|date of birth|birth ?date|birthday|\bborn\b|geburtsdatum|fecha de nacimiento|date de naissance/i,
};

export const EMAIL: Keywords = {
  names: { tokens: ['email', 'mail', 'emails', 'e-mail', 'mailto', 'upn'], joined: ['email', 'mailaddress'] },
  text: /e-?mail|mailto|\bcontact\b|\bupn\b/i,
};

export const PHONE: Keywords = {
  names: {
    tokens: [
      'phone',
      'mobile',
      'tel',
      'telephone',
      'cell',
      'cellphone',
      'fax',
      'msisdn',
      'sms',
      'whatsapp',
      'landline',
      'telefon',
      'telefono',
      'telefone',
      'handy',
      'mobil',
      'movil',
      'celular',
      'portable',
      'cellulare',
      'gsm',
      'tlf',
      'rufnummer',
    ],
    joined: [
      'phone',
      'mobile',
      'telephone',
      'msisdn',
      'cellnumber',
      'contactnumber',
      'faxnumber',
      'telefon',
      'telefono',
      'telefone',
      'handynummer',
      'rufnummer',
      'celular',
      'cellulare',
    ],
  },
  // Phone words in the languages of the default regions, because national-format numbers come with local words.
  text: /phone|mobile|\btel\b|\btel\.|\btél\b|telephone|téléphone|\bcell\b|\bfax\b|\bcall(?:ed|ing)?\b|\bsms\b|whatsapp|msisdn|\bdial|telefon|teléfono|telefono|telefone|\bhandy|\bmobil|móvil|\bmovil|celular|cellulare|\bportable\b|\bgsm\b|\btlf\b|rufnummer|\bnum(?:é|e)ro de t/i,
};

/** Names of bank-account fields: digit groups under them are account numbers, never phones. */
export const ACCOUNT_NAMES = {
  tokens: ['iban', 'bban', 'account', 'acct', 'bic', 'swift', 'routing', 'sortcode', 'vat', 'tin'],
  joined: ['iban', 'accountnumber', 'bankaccount', 'kontonummer', 'vatnumber', 'vatid', 'taxid'],
} as const;

export const IP: Keywords = {
  names: {
    tokens: ['ip', 'ips', 'ipv4', 'ipv6', 'addr', 'host', 'remote', 'client', 'src', 'dst', 'peer', 'nat', 'forwarded'],
    joined: [
      'ipaddress',
      'ipaddr',
      'remoteaddr',
      'clientip',
      'sourceip',
      'forwardedfor',
      'realip',
      'callerip',
      'publicip',
    ],
  },
  text: /\bip\b|ip[ -]?address|\bipv[46]\b|\baddr|\bhost|\bclient|\bremote|\bsource|forwarded|\bfrom\b|\bconnect|\bpeer\b/i,
};

/** Names that make a dotted quad a version number, not an address. */
export const VERSION_NAMES = {
  tokens: ['version', 'ver', 'build', 'release', 'revision', 'rev', 'firmware', 'semver', 'oid'],
  joined: ['version', 'firmware', 'buildnumber'],
} as const;

export const STORAGE_KEY: Keywords = {
  names: {
    tokens: ['key', 'keys', 'accountkey', 'storagekey', 'primarykey', 'secondarykey', 'key1', 'key2'],
    joined: ['accountkey', 'storagekey', 'primarykey', 'secondarykey', 'storageaccountkey', 'accesskey'],
  },
  siblings: { tokens: ['keyname', 'permissions'], joined: ['keyname'] },
  text: /accountkey|account key|storage key|primary ?key|secondary ?key|\bkey[12]?\b/i,
};

/** Names under which 86 base64 chars + "==" are a digest (a SHA-512 in base64 is exactly that shape), not a key. */
export const DIGEST_NAMES = {
  tokens: [
    'hash',
    'digest',
    'integrity',
    'checksum',
    'signature',
    'sig',
    'thumbprint',
    'fingerprint',
    'etag',
    'sha512',
    'mac',
    'hmac',
    'nonce',
    'salt',
    'csrf',
    'xsrf',
    'antiforgery',
    'authenticity',
    'state',
  ],
  joined: ['contentmd5', 'contenthash', 'sha512', 'sha384', 'csrf', 'xsrf', 'requestverificationtoken'],
} as const;

/** Anti-forgery and one-time values printed beside a value in HTML or logs: random like a key, but not one. */
export const ANTI_FORGERY_TEXT = /csrf|xsrf|authenticity_token|antiforgery|requestverificationtoken|nonce|integrity=/i;

/** Words that introduce an identifier, not a card or phone: "order 4539…", "tracking no. 1Z…", "ref 415-…". */
export const ID_BEFORE =
  /\b(?:order|invoice|tracking|shipment|parcel|ref|reference|ticket|booking|confirmation|transaction|txn|case|claim|account|acct|customer|member|id|no|nr|number)\b[\s.:#=-]*$/i;
