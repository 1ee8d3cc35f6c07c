import { describe, expect, it } from 'vitest';
import { AWS, JWT, PHONE, SECRET, typesAt, typesOf } from './helpers.js';

/** Shapes that share digits or prefixes with a sensitive type and must not be reported as it at medium or above. */
describe('Phone Number precision', () => {
  it('needs an international prefix, a phone keyword or a phone-like name', () => {
    expect(typesOf('note', 'Call me on +44 20 7946 0958 tomorrow')).toEqual([PHONE]);
    expect(typesOf('mobile', '020 7946 0958')).toEqual([PHONE]);
    expect(typesOf('note', 'Telefon: 030 12345678')).toEqual([PHONE]);
    expect(typesOf('note', 'móvil 612 34 56 78')).toEqual([PHONE]);
    expect(typesOf('note', 'reference 020 7946 0958 attached')).toEqual([]);
    expect(typesOf('orgNumber', '556036-0793')).toEqual([]);
  });
  it('never reports account numbers, addresses, SSN-shaped or MAC-shaped digit groups, even beside a phone word', () => {
    // Checksum-invalid IBAN in a field named iban: digit groups of an account number.
    expect(typesOf('iban', 'DE89 3704 0044 0532 0130 01')).toEqual([]);
    expect(typesOf('note', 'phone support: IBAN GB29 NWBK 6016 1331 9268 18')).not.toContain(PHONE);
    expect(typesOf('note', 'phone home from (192.168.100.200)')).not.toContain(PHONE);
    expect(typesOf('phoneNote', '536.90.4421')).toEqual([]);
    expect(typesOf('phoneNote', '00-14-22-01-23-45')).toEqual(['MAC Address']);
    expect(typesOf('vat', 'DE 136 695 976')).toEqual([]);
  });
});

describe('provider token placeholders', () => {
  it('rejects repeated characters, masks, sequences and templates after the issuer prefix', () => {
    for (const v of [
      'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'ghp_000000000000000000000000000000000000',
      'xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx',
      'xoxb-123456789012-abcdefghijklmnopqrstuvwx',
      'AKIAXXXXXXXXXXXXXXXX',
      'AKIA0000000000000000',
      'AKIAABCDEFGHIJKLMNOP',
      'AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    ])
      expect(typesOf('config', `value ${v} here`), v).toEqual([]);
  });
  it('reports Google API keys only in their AIzaSy form and with a random tail', () => {
    expect(typesOf('note', 'key AIzaSyB3kQ9vT7xL2mN8pR4sW6yZ1aC5dF0gH2j')).toEqual([SECRET]);
    expect(typesOf('note', 'AIzaWords_are_not_keys_at_all_here_ok1')).toEqual([]);
    expect(typesOf('note', 'AIzaAbCdEfGhIjKlMnOpQrStUvWxYz012345678')).toEqual([]);
  });
  it('does not read a CSRF token as an Azure storage key', () => {
    const csrf = 'ydYhjMhHPdf9Wj1XISrJqW3jLSIUgEvEK/r0lZMFdIAV02E+VWEyFpEJ+CkQmsFtirGuxxZsgVqNw9NvboBWVg==';
    expect(typesOf('csrfToken', csrf)).toEqual([]);
    expect(typesOf('html', `<input type="hidden" name="authenticity_token" value="${csrf}">`)).toEqual([]);
  });
  it('does not let a KEY= assignment run across a line break', () => {
    expect(typesOf('env', 'API_KEY=\nLOG_LEVEL_VERBOSE_DEBUG_TRACE_ALL')).toEqual([]);
  });
});

describe('secret recall', () => {
  it('finds AWS key ids beyond AKIA', () => {
    for (const id of ['ABIA4Q7ZK2M9RT3HWX5N', 'ACCA4Q7ZK2M9RT3HWX5N', 'A3TX4Q7ZK2M9RT3HWX5N', 'ASIA4Q7ZK2M9RT3HWX5N'])
      expect(typesOf('note', `id ${id} in use`), id).toEqual([AWS]);
  });
  it('finds unsigned JWTs with or without the final dot', () => {
    const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from('{"sub":"u-1842","scope":"orders"}').toString('base64url');
    expect(typesOf('token', `${header}.${payload}.`)).toEqual([JWT]);
    expect(typesOf('note', `sent ${header}.${payload} upstream`)).toEqual([JWT]);
  });
  it('finds the Slack token forms', () => {
    for (const v of [
      'xapp-1-A05KQ7Z2M9R-5918273645012-9f3c1a7e2b8d4c6f0a5e7b9d1c3f5a7e9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a',
      'xoxe.xoxp-1-Mi0yLTQ3NTE5ODIzMTAyNC01OTE4MjczNjQ1MDEyLTU5MTgyNzM2NDUwMTI',
      'xoxe-1-My0xLTU5MTgyNzM2NDUwMTItNDc1MTk4MjMxMDI0LTk4MjMxMDI0NzUxOQ',
      'xoxo-5918273645012-4751982310248-Zk3Q9vT7xL2mN8pR4sW6yZ1a',
      `xoxp-5918273645012-4751982310248-5918273645012-${'9f3c1a7e2b8d4c6f0a5e7b9d1c3f5a7e'.repeat(2)}`,
      'https://hooks.slack.com/workflows/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',
      'https://hooks.slack.com/triggers/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',
      'https://hooks.slack.com/services/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',
    ])
      expect(typesOf('note', `posted with ${v} today`), v).toEqual([SECRET]);
  });
  it('reads password assignments with :=, =>, quoted pass phrases and common short names', () => {
    for (const line of [
      'db_pass := "Tr0ub4dor&3"',
      "password => 'correct horse battery staple'",
      'pwd=Qz8!vK2m',
      'creds: admin:Hx7#pq2L',
      'DB_PASSWORD = "s3 cr3t w0rds"',
      'secrete = "vQ8zT3kL9mN2pR7sW4yX"',
      'auth: vQ8zT3kL9mN2pR7sW4yX1aB6c',
    ])
      expect(typesOf('script', line), line).toEqual([SECRET]);
    expect(typesAt({ pass: 'Hx7#pq2L', pwd: 'Qz8!vK2m' })).toEqual({ '$.pass': [SECRET], '$.pwd': [SECRET] });
  });
});
