/**
 * Reachability rules (azure-data.md §5): pure functions from stored node properties (as the model declares them;
 * NSG and load-balancer rules kept as ARM returns them) to "is this reachable from the internet, on what, from whom,
 * and why". No store, no I/O.
 */
export { widerScope } from './types.js';
export type { Scope, Protocol, ServiceExposure } from './types.js';
export {
  ALL_ADDRESSES,
  PUBLIC_ADDRESSES,
  parseIpv4,
  parseIpv4Range,
  toCidrs,
  union,
  intersect,
  subtract,
  type AddressSet,
} from './address.js';
export type { Interval } from './intervals.js';
export { parsePortRange, formatPortRange, type PortRange } from './ports.js';
export {
  DEFAULT_INBOUND_RULES,
  readNsgRules,
  type ArmNetworkSecurityGroup,
  type ArmSecurityRule,
  type ArmSecurityRuleProperties,
  type NsgRule,
} from './nsg-rules.js';
export {
  evaluateInbound,
  internetPortExposure,
  internetOpenPorts,
  type NsgDecision,
  type NsgTarget,
  type InboundOptions,
  type OpenPortsOptions,
  type PortExposure,
} from './nsg.js';
export { evaluateLevels, intersectSources, type NsgLevels, type LevelsRun, type PortExposureOf } from './nsg-levels.js';
export {
  nicInternetExposure,
  type NicExposure,
  type NicExposureInput,
  type NicExposureOptions,
  type OpenPortRange,
  type PublicIpInfo,
} from './vm-exposure.js';
export {
  loadBalancerExposure,
  loadBalancerRules,
  type ArmLoadBalancer,
  type ArmLoadBalancerRule,
  type BackendNic,
  type LoadBalancerExposure,
  type LoadBalancerPath,
  type PublicFrontend,
} from './load-balancer.js';
export * from './paas.js';
