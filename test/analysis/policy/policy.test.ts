import { describe, expect, it } from 'vitest';
import { authenticationVerdict, effectivePolicy, parsePolicy, PolicyParseError, routeChoices, tracePolicy } from '../../../src/analysis/policy/index.js';

const facts = (chain: Parameters<typeof effectivePolicy>[0]) => {
  const flow = tracePolicy(effectivePolicy(chain));
  return { flow, auth: authenticationVerdict(flow), routes: routeChoices(flow) };
};

const policy = (inbound: string, backend = '<base />') =>
  `<policies>\r\n  <inbound>${inbound}</inbound>\r\n  <backend>${backend}</backend>\r\n  <outbound><base /></outbound>\r\n  <on-error><base /></on-error>\r\n</policies>`;

describe('policy XML reader', () => {
  it('reads rawxml policies whose expressions carry quotes and angle brackets', () => {
    const xml = policy(
      `<base /><choose><when condition="@(context.Request.Headers.GetValueOrDefault("X-Tier","") != "gold" && 1 < 2)">` +
        `<set-body>@{ var items = new List<string>(); return "<ok/>"; }</set-body></when></choose>` +
        `<set-backend-service backend-id="fn-orders" />`,
    );
    const root = parsePolicy(xml);
    const inbound = root.children[0]!.children[0]!;
    expect(inbound.children.map((c) => c.name)).toEqual(['base', 'choose', 'set-backend-service']);
    expect(inbound.children[1]!.children[0]!.attributes['condition']).toContain('GetValueOrDefault("X-Tier","")');
  });

  it('reads xml-format policies with escaped expressions', () => {
    const root = parsePolicy(policy('<set-header name="x" exists-action="override"><value>@(context.Request.Headers.GetValueOrDefault(&quot;a&quot;,&quot;&quot;))</value></set-header>'));
    const setHeader = root.children[0]!.children[0]!.children[0]!;
    expect(setHeader.name).toBe('set-header');
    expect(setHeader.attributes).toEqual({ name: 'x', 'exists-action': 'override' });
    expect(setHeader.children.map((c) => c.name)).toEqual(['value']);
  });

  it('rejects broken XML with the offset of the problem', () => {
    expect(() => parsePolicy('<policies><inbound></policies>')).toThrow(PolicyParseError);
    expect(() => parsePolicy('<policies><inbound attr=unquoted/></policies>')).toThrow(/quoted/);
  });
});

describe('effective policy', () => {
  it('splices each scope at <base /> from global to operation', () => {
    const effective = effectivePolicy([
      { scope: 'global', xml: policy('<ip-filter action="allow"><address>1.2.3.4</address></ip-filter>') },
      { scope: 'product', xml: null },
      { scope: 'api', xml: policy('<validate-jwt header-name="Authorization" /><base />') },
      { scope: 'operation', xml: policy('<base /><set-backend-service base-url="https://backend.example/api" />') },
    ]);
    expect(effective.sections.inbound.map((s) => `${s.scope}:${s.element.name}`)).toEqual([
      'api:validate-jwt',
      'global:ip-filter',
      'operation:set-backend-service',
    ]);
    expect(facts([{ scope: 'global', xml: policy('', '<forward-request />') }, { scope: 'operation', xml: policy('<base /><set-backend-service base-url="https://backend.example/api" />') }]).routes).toEqual([
      { target: { via: 'base-url', url: 'https://backend.example/api', scope: 'operation' }, condition: null },
    ]);
  });

  it('drops the parents where a scope omits <base />', () => {
    const { auth } = facts([
      { scope: 'global', xml: policy('<validate-jwt header-name="Authorization" />') },
      { scope: 'api', xml: policy('<check-header name="X-Key" failed-check-httpcode="401"><value>abc</value></check-header>') },
    ]);
    expect(auth.requirement).toBe('none');
    expect(auth.gates).toEqual([{ policy: 'check-header', scope: 'api' }]);
  });

  it('counts an authenticator on one branch of <choose> as conditional authentication', () => {
    const { auth } = facts([
      { scope: 'api', xml: policy('<choose><when condition="@(true)"><validate-azure-ad-token tenant-id="t" /></when></choose>') },
    ]);
    expect(auth.requirement).toBe('conditional');
    expect(auth.branches).toEqual(['when true (api): validate-azure-ad-token (api); forwarded to the backend', 'otherwise (api): no caller authentication; forwarded to the backend']);
  });

  it('reports an unreadable scope instead of failing the analysis', () => {
    const effective = effectivePolicy([{ scope: 'api', xml: '<policies><inbound>' }]);
    expect(effective.problems[0]).toMatchObject({ problem: expect.stringMatching(/api policy could not be read/) });
  });

  it('takes the last set-backend-service before forward-request, an expression being an unresolved target', () => {
    const { routes } = facts([
      { scope: 'api', xml: policy('<set-backend-service backend-id="first" /><set-backend-service base-url="@(context.Variables["u"])" />', '<set-backend-service backend-id="second" /><forward-request />') },
    ]);
    expect(routes).toEqual([{ target: { via: 'backend-id', backendId: 'second', scope: 'api' }, condition: null }]);
  });
});
