/**
 * Properties of the policy evaluator: rewrites that cannot change what a policy does never change its verdict,
 * its backends or its calls.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authenticationVerdict, callChoices, effectivePolicy, routeChoices, tracePolicy, type ScopedPolicy } from '../../../src/analysis/policy/index.js';

/** Statements that neither end the pipeline, route, nor branch: their order among themselves does not matter. */
const INDEPENDENT = [
  '<validate-jwt header-name="Authorization"><openid-config url="https://login.example/.well-known/openid-configuration" /></validate-jwt>',
  '<validate-azure-ad-token tenant-id="t"><client-application-ids><application-id>a</application-id></client-application-ids></validate-azure-ad-token>',
  '<ip-filter action="allow"><address>1.2.3.4</address></ip-filter>',
  '<check-header name="X-Key" failed-check-httpcode="401" failed-check-error-message="no" ignore-case="true" />',
  '<rate-limit calls="5" renewal-period="60" />',
  '<set-header name="X-A" exists-action="override"><value>1</value></set-header>',
  '<send-one-way-request mode="new"><set-url>https://log.example/ingest</set-url><set-method>POST</set-method></send-one-way-request>',
];
const ANY = [
  ...INDEPENDENT,
  '<set-backend-service base-url="https://a.backend.example" />',
  '<set-backend-service base-url="https://b.backend.example" />',
  '<return-response><set-status code="401" reason="Unauthorized" /></return-response>',
  '<return-response><set-status code="200" reason="OK" /></return-response>',
  '<mock-response status-code="200" content-type="application/json" />',
  '<send-request mode="new" response-variable-name="r"><set-url>https://st.blob.core.windows.net/c/b</set-url><set-method>GET</set-method></send-request>',
];

const statement: fc.Arbitrary<string> = fc.letrec<{ s: string }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...ANY),
    fc
      .tuple(fc.array(tie('s'), { maxLength: 3 }), fc.array(tie('s'), { maxLength: 3 }), fc.boolean())
      .map(([a, b, withOtherwise]) => `<choose><when condition="@(context.Request.Method == &quot;GET&quot;)">${a.join('')}</when>${withOtherwise ? `<otherwise>${b.join('')}</otherwise>` : ''}</choose>`),
  ),
})).s;

const doc = (inbound: string, backend = '<base />') => `<policies><inbound>${inbound}</inbound><backend>${backend}</backend><outbound><base /></outbound><on-error><base /></on-error></policies>`;

/** What a chain decides: the verdict, the set of backends and the set of calls (conditions aside). */
function decide(chain: readonly ScopedPolicy[]) {
  const flow = tracePolicy(effectivePolicy(chain));
  return {
    auth: authenticationVerdict(flow).requirement,
    routes: routeChoices(flow).map((r) => JSON.stringify(r.target === 'service-url' ? r.target : { ...r.target, scope: undefined })).sort(),
    calls: callChoices(flow).map((c) => `${c.call.policy} ${c.call.url}`).sort(),
  };
}

const GLOBAL: ScopedPolicy = { scope: 'global', xml: doc('', '<forward-request />') };

describe('policy evaluator properties', () => {
  it('reordering independent statements never changes a verdict', () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 3 }), fc.array(fc.constantFrom(...INDEPENDENT), { minLength: 2, maxLength: 5 }), fc.array(statement, { maxLength: 3 }), (before, independent, after) => {
        const reordered = [...independent].reverse();
        const a = decide([GLOBAL, { scope: 'api', xml: doc(`<base />${before.join('')}${independent.join('')}${after.join('')}`) }]);
        const b = decide([GLOBAL, { scope: 'api', xml: doc(`<base />${before.join('')}${reordered.join('')}${after.join('')}`) }]);
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it('adding <base /> to a scope with no policy never changes a verdict', () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 4 }), fc.constantFrom('product' as const, 'api' as const, 'operation' as const), (statements, empty) => {
        // The statements live in another scope than the one that gets the lone <base />.
        const holder = empty === 'operation' ? 'api' : 'operation';
        const chain = (emptyXml: string | null): ScopedPolicy[] =>
          (['product', 'api', 'operation'] as const).map((scope) => ({
            scope,
            xml: scope === empty ? emptyXml : scope === holder ? doc(`<base />${statements.join('')}`) : null,
          }));
        expect(decide([GLOBAL, ...chain(doc('<base />'))])).toEqual(decide([GLOBAL, ...chain(null)]));
      }),
      { numRuns: 200 },
    );
  });

  it('wrapping a document in a choose whose branches are identical never changes a verdict', () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 4 }), fc.array(statement, { maxLength: 2 }), (inbound, backendExtras) => {
        const body = inbound.join('');
        const backend = `${backendExtras.filter((s) => !s.includes('return-response') && !s.includes('mock-response')).join('')}<forward-request />`;
        const plain = decide([GLOBAL, { scope: 'api', xml: doc(`<base />${body}`, backend) }]);
        const wrapped = decide([
          GLOBAL,
          { scope: 'api', xml: doc(`<base /><choose><when condition="@(context.Request.Headers.ContainsKey(&quot;X&quot;))">${body}</when><otherwise>${body}</otherwise></choose>`, backend) },
        ]);
        expect(wrapped).toEqual(plain);
      }),
      { numRuns: 200 },
    );
  });
});
