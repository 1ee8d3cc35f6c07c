import { describe, expect, it } from 'vitest';
import { classifyMessage, formatJsonPath } from '../../src/classify/index.js';
import { located, VALUES } from './helpers.js';

describe('classifyMessage locations', () => {
  it("walks JSON bodies and reports JSON paths; array items inherit the array's name", () => {
    const findings = classifyMessage({
      method: 'POST',
      url: '/v1/customers',
      requestBody: JSON.stringify({
        customer: { ssn: '536-90-4421', emails: ['jane@contoso.com', 'j.doe@fabrikam.io'] },
        'x-ref': 'jane@contoso.com',
      }),
      responseCode: 201,
    });
    expect(located(findings)).toEqual([
      'requestBody $.customer.emails[0] Email Address high',
      'requestBody $.customer.emails[1] Email Address high',
      'requestBody $.customer.ssn U.S. Social Security Number (SSN) high',
      "requestBody $['x-ref'] Email Address medium",
    ]);
    expect(findings.every((f) => f.responseClass === '2xx')).toBe(true);
  });

  it('reads path segments, query parameters by name, and headers by name', () => {
    const findings = classifyMessage({
      method: 'GET',
      url: `https://api.contoso.com/customers/jane%40contoso.com/orders?phone=%2B14155552671&api_key=9f8e7d6c5b4a39281706f5e4d3c2b1a0`,
      requestHeaders: { 'X-Forwarded-For': '203.0.113.7, 198.51.100.2', 'User-Agent': 'Contoso-Android/3.2.1.0' },
      responseHeaders: { 'content-type': 'application/json' },
      responseCode: 404,
    });
    expect(located(findings)).toEqual([
      'path 1 Email Address medium',
      'query api_key Generic Secret high',
      'query phone Phone Number high',
      'requestHeader x-forwarded-for IP Address high',
    ]);
    expect(new Set(findings.map((f) => f.responseClass))).toEqual(new Set(['4xx']));
  });

  it('scans non-JSON bodies as text and form bodies by parameter', () => {
    const text = classifyMessage({
      responseBody: `2024-05-14T09:12:44Z INFO login user=jane@contoso.com from 203.0.113.7\n`,
      responseCode: 200,
    });
    expect(located(text)).toEqual(['responseBody Email Address medium', 'responseBody IP Address high']);
    const form = classifyMessage({
      requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
      requestBody:
        'grant_type=client_credentials&client_id=3f2b7c1e-8d4a-4f6b-9e2d-1a5c7b9d0e3f&client_secret=Xq8~v3EJr0WRqFfVdkRxwmQjrcC9Uuksvw',
    });
    expect(located(form)).toEqual(['requestBody client_secret Generic Secret high']);
  });

  it('accepts parsed JSON, reads JSON that is not valid as text, and keeps one finding per place', () => {
    expect(located(classifyMessage({ responseBody: { card: { number: VALUES.visa, cvv: '123' } } }))).toEqual([
      'responseBody $.card.number Credit Card Number high',
    ]);
    expect(located(classifyMessage({ responseBody: `{"email": "jane@contoso.com", truncated` }))).toEqual([
      'responseBody Email Address high',
    ]);
    const twice = classifyMessage({ responseBody: 'jane@contoso.com and again jane@contoso.com' });
    expect(twice).toHaveLength(1);
  });

  it('filters by minimum confidence', () => {
    const body = JSON.stringify({ orderNumber: VALUES.visa, cardNumber: VALUES.mastercard });
    expect(located(classifyMessage({ responseBody: body }))).toEqual([
      'responseBody $.cardNumber Credit Card Number high',
      'responseBody $.orderNumber Credit Card Number low',
    ]);
    expect(located(classifyMessage({ responseBody: body }, { minConfidence: 'medium' }))).toEqual([
      'responseBody $.cardNumber Credit Card Number high',
    ]);
  });

  it('formats JSON paths with bracket notation where keys need it', () => {
    expect(formatJsonPath(['customer', 'ssn'])).toBe('$.customer.ssn');
    expect(formatJsonPath(['items', 0, 'card'])).toBe('$.items[0].card');
    expect(formatJsonPath(["o'brien", 'x-api-key'])).toBe("$['o\\'brien']['x-api-key']");
  });
});
