import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateInbound,
  internetOpenPorts,
  parsePortRange,
  type ArmNetworkSecurityGroup,
  type ArmSecurityRule,
  type Protocol,
  type Scope,
} from '../../../src/analysis/reachability/index.js';
import { inbound, nsg } from './nsg-fixtures.js';

const SOURCES = [
  'Internet',
  '*',
  '0.0.0.0/0',
  'VirtualNetwork',
  'AzureLoadBalancer',
  '203.0.113.0/24',
  '203.0.113.128/25',
  '198.51.100.0/24',
  '0.0.0.0/1',
  '128.0.0.0/1',
  '10.0.0.0/8',
  'AzureFrontDoor.Backend',
];
const PORTS = ['*', '22', '80', '443', '80-90', '8000-8080', '85', '0-1023'];
/** Every boundary the generated rules can have, plus neighbours: the verdict is constant between them. */
const SAMPLE_PORTS = [0, 21, 22, 23, 53, 79, 80, 85, 86, 90, 91, 443, 1023, 1024, 7999, 8000, 8080, 8081, 65535];
const PROTOCOLS: Protocol[] = ['Tcp', 'Udp'];

const ruleProps = fc.record({
  access: fc.constantFrom('Allow' as const, 'Deny' as const),
  protocol: fc.constantFrom('Tcp', 'Udp', '*'),
  sources: fc.uniqueArray(fc.constantFrom(...SOURCES), { minLength: 1, maxLength: 3 }),
  ports: fc.uniqueArray(fc.constantFrom(...PORTS), { minLength: 1, maxLength: 2 }),
  sourcePort: fc.constantFrom('*', '*', '1000'),
  destination: fc.constantFrom('*', '*', '10.0.0.4'),
});

type RuleProps = typeof ruleProps extends fc.Arbitrary<infer T> ? T : never;

function toRule(p: RuleProps, priority: number, index: number): ArmSecurityRule {
  // Exercise both the singular and the plural fields, as ARM writes them.
  const one = <T>(values: T[]) => values.length === 1;
  return inbound(`r${index}-${p.access.toLowerCase()}`, priority, p.access, {
    protocol: p.protocol,
    sourceAddressPrefix: one(p.sources) ? (p.sources[0] ?? '') : '',
    sourceAddressPrefixes: one(p.sources) ? [] : p.sources,
    destinationPortRange: one(p.ports) ? (p.ports[0] ?? '') : '',
    destinationPortRanges: one(p.ports) ? [] : p.ports,
    sourcePortRange: p.sourcePort,
    destinationAddressPrefix: p.destination,
  });
}

const rulesArb = fc
  .uniqueArray(fc.integer({ min: 100, max: 4096 }), { minLength: 0, maxLength: 8 })
  .chain((priorities) =>
    fc.tuple(
      fc.constant(priorities),
      fc.array(ruleProps, { minLength: priorities.length, maxLength: priorities.length }),
    ),
  )
  .map(([priorities, props]) => props.map((p, k) => toRule(p, priorities[k] as number, k)));

const RANK: Record<Scope, number> = { none: 0, restricted: 1, any: 2 };

/** Every sampled port is no more open in `after` than in `before`. */
function neverOpens(before: ArmNetworkSecurityGroup, after: ArmNetworkSecurityGroup): void {
  for (const protocol of PROTOCOLS) {
    for (const port of SAMPLE_PORTS) {
      const was = evaluateInbound(before, port, { protocol });
      const now = evaluateInbound(after, port, { protocol });
      if (now.allowed) expect(was.allowed, `${protocol} ${port}`).toBe(true);
      expect(RANK[now.scope], `${protocol} ${port}`).toBeLessThanOrEqual(RANK[was.scope]);
    }
  }
}

const isOpen = (ranges: string[], port: number) =>
  ranges.some((text) => {
    const range = parsePortRange(text);
    return range !== null && port >= range.start && port <= range.end;
  });

describe('NSG evaluation properties', () => {
  it('adding a Deny rule at a better priority never opens a port', () => {
    fc.assert(
      fc.property(rulesArb, ruleProps, fc.integer({ min: 100, max: 4096 }), (rules, denyProps, priority) => {
        // Any free priority: better than some rules (and often all), so the new Deny is evaluated before them.
        if (rules.some((r) => r.properties?.priority === priority)) return;
        const deny = toRule({ ...denyProps, access: 'Deny' }, priority, 99);
        neverOpens(nsg('before', ...rules), nsg('after', ...rules, deny));
      }),
      { numRuns: 150 },
    );
  });

  it('removing an Allow rule never opens a port', () => {
    fc.assert(
      fc.property(rulesArb, fc.nat(), (rules, pick) => {
        const allows = rules.filter((r) => r.properties?.access === 'Allow');
        if (allows.length === 0) return;
        const removed = allows[pick % allows.length];
        neverOpens(nsg('before', ...rules), nsg('after', ...rules.filter((r) => r !== removed)));
      }),
      { numRuns: 150 },
    );
  });

  it('internetOpenPorts agrees with port-by-port evaluation', () => {
    fc.assert(
      fc.property(rulesArb, fc.constantFrom(...PROTOCOLS), (rules, protocol) => {
        const group = nsg('n', ...rules);
        const open = internetOpenPorts(group, undefined, { protocol });
        const withRestricted = internetOpenPorts(group, undefined, { protocol, includeRestricted: true });
        for (const port of SAMPLE_PORTS) {
          const decision = evaluateInbound(group, port, { protocol });
          expect(isOpen(open, port), `${protocol} ${port}`).toBe(decision.scope === 'any');
          expect(isOpen(withRestricted, port), `${protocol} ${port}`).toBe(decision.allowed);
        }
      }),
      { numRuns: 150 },
    );
  });
});
