import type { JsonValue } from '../../../model/index.js';
import { InputError } from '../../../util/errors.js';
import type { ArmRow } from '../arm-row.js';
import { ancestorId, lastSegment } from '../../../model/arm-ids.js';
import {
  azureProperties,
  identities,
  resourceNode,
  type NodeRef,
  type PropertyInput,
  type TransformOutput,
  type TransformTable,
} from '../transform.js';
import { at, isObject, obj, objects, str } from '../../../util/json.js';

/**
 * Logic Apps. A Consumption workflow (`microsoft.logic/workflows`) is a LogicApp node of its own; a Standard
 * workflow (`microsoft.web/sites/workflows`) lives in a `workflowapp` site, which web.ts makes the LogicApp. Either
 * way the workflow's Request triggers are its API: one Api per workflow, one ApiEndpoint per Request trigger.
 * Neither the definition nor its parameters are stored: they may hold keys, SAS URLs and connection strings.
 */

const WORKFLOWS = 'microsoft.logic/workflows';

/** The API of a workflow: the collection of its Request triggers. */
export function workflowApiId(workflowId: string): string {
  return `${workflowId}/apis/workflow`;
}

interface RequestTrigger {
  readonly name: string;
  readonly method: string;
  readonly relativePath: string | undefined;
}

/**
 * The HTTP entry points of a workflow definition: triggers of type Request and kind Http (the kind may be left
 * out; Http is the Request trigger's kind in Logic Apps). PSRule's Azure.LogicApp.LimitHTTPTrigger reads the same.
 */
function requestTriggers(definition: unknown): RequestTrigger[] {
  const triggers = obj(at(definition, 'triggers'));
  if (!triggers) return [];
  return Object.entries(triggers).flatMap(([name, trigger]) => {
    if (!isObject(trigger) || str(trigger['type'])?.toLowerCase() !== 'request') return [];
    const kind = str(trigger['kind'])?.toLowerCase();
    if (kind !== undefined && kind !== 'http') return [];
    const method = str(at(trigger, 'inputs', 'method'))?.toUpperCase() ?? '*';
    return [{ name, method, relativePath: str(at(trigger, 'inputs', 'relativePath')) }];
  });
}

const pathOf = (relativePath: string | undefined) => `/${(relativePath ?? '').replace(/^\/+/, '')}`;

/**
 * The callback URL without its query (the query holds the SAS `sig`, a bearer secret that is never stored):
 * `<accessEndpoint>/triggers/<name>/run`, or `…/triggers/<name>/paths/invoke/<relativePath>` when the trigger
 * declares a relative path (Logic Apps "accept parameters in request trigger URLs").
 */
function callbackUrl(accessEndpoint: string | undefined, trigger: RequestTrigger): string | undefined {
  if (!accessEndpoint) return undefined;
  const base = `${accessEndpoint.replace(/\/+$/, '')}/triggers/${encodeURIComponent(trigger.name)}`;
  return trigger.relativePath ? `${base}/paths/invoke${pathOf(trigger.relativePath)}` : `${base}/run`;
}

/** The Api of a workflow under its Logic App, and one endpoint per Request trigger. */
function addWorkflowApi(
  row: ArmRow,
  out: TransformOutput,
  app: NodeRef,
  triggers: readonly RequestTrigger[],
  facts: { readonly trigger: PropertyInput; readonly accessEndpoint: string | undefined },
): void {
  if (triggers.length === 0) return;
  const scope = { subscriptionId: row.subscriptionId ?? undefined };
  // The workflow's name in Azure's casing (the id is lower-cased); a Standard workflow's row name is `<site>/<workflow>`.
  const workflow = row.name.split('/').at(-1) || lastSegment(row.id);
  const api = out.node('Api', workflowApiId(row.id), {
    ...azureProperties(row),
    name: workflow,
    apiSource: 'logicapp',
  });
  out.edge('CONTAINS', app, api, scope);
  // Every Request trigger is called "manual" unless renamed: `<workflow>/<trigger>` is the name people recognise.
  for (const trigger of triggers) {
    const endpoint = out.node('ApiEndpoint', `${row.id}/triggers/${trigger.name.toLowerCase()}`, {
      ...azureProperties(row),
      name: `${workflow}/${trigger.name}`,
      azureType: `${row.type}/triggers`,
      endpointSource: 'logicapp',
      method: trigger.method,
      urlTemplate: pathOf(trigger.relativePath),
      url: callbackUrl(facts.accessEndpoint, trigger),
      ...facts.trigger,
    });
    out.edge('CONTAINS', api, endpoint, scope);
  }
}

/**
 * What a Consumption workflow's `accessControl.triggers` says about its Request triggers: a SAS-signed callback
 * is accepted unless `sasAuthenticationPolicy.state` is Disabled; OAuth (Entra ID) policies sit under
 * `openAuthenticationPolicies.policies`; `allowedCallerIpAddresses` missing means any caller, empty means only
 * other Logic Apps.
 */
function consumptionTriggerFacts(accessControl: unknown): PropertyInput {
  const triggers = at(accessControl, 'triggers');
  const sasState = str(at(triggers, 'sasAuthenticationPolicy', 'state'));
  const policies = obj(at(triggers, 'openAuthenticationPolicies', 'policies'));
  const allowed = at(triggers, 'allowedCallerIpAddresses');
  return {
    sasEnabled: sasState?.toLowerCase() !== 'disabled',
    oauthPolicies: policies ? Object.keys(policies) : [],
    allowedCallerIpAddresses: Array.isArray(allowed) ? addressList(allowed, 'addressRange') : undefined,
  };
}

function addressList(v: unknown, field: string): string[] {
  return objects(v)
    .map((item) => str(item[field]))
    .filter((item): item is string => item !== undefined);
}

function transformConsumptionWorkflow(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const accessControl = obj(p['accessControl']);
  const accessEndpoint = str(p['accessEndpoint']);
  const endpoints = at(p, 'endpointsConfiguration', 'workflow');
  const app = resourceNode(row, out, 'LogicApp', {
    logicAppPlan: 'consumption',
    state: str(p['state']),
    // Kept as ARM returns it: triggers.allowedCallerIpAddresses, openAuthenticationPolicies, sasAuthenticationPolicy.
    accessControl: accessControl as Record<string, JsonValue> | undefined,
    accessEndpoint,
    accessEndpointIpAddresses: isObject(endpoints)
      ? addressList(endpoints['accessEndpointIpAddresses'], 'address')
      : undefined,
    outboundIpAddresses: isObject(endpoints) ? addressList(endpoints['outgoingIpAddresses'], 'address') : undefined,
    integrationServiceEnvironmentId: str(at(p, 'integrationServiceEnvironment', 'id'))?.toLowerCase(),
  });
  identities(row, out, app);
  addWorkflowApi(row, out, app, requestTriggers(p['definition']), {
    trigger: consumptionTriggerFacts(accessControl),
    accessEndpoint,
  });
}

/** A Standard workflow row holds its definition in `files['workflow.json']` (an object or its text) or in `definition`. */
function standardDefinition(row: ArmRow): unknown {
  let file = at(row.properties, 'files', 'workflow.json');
  if (typeof file === 'string') {
    try {
      file = JSON.parse(file) as unknown;
    } catch (error) {
      throw new InputError(
        { file: row.file, index: row.index },
        `workflow ${row.id}: workflow.json is not JSON (${(error as Error).message})`,
      );
    }
  }
  return at(file, 'definition') ?? row.properties['definition'];
}

/**
 * `microsoft.web/sites/workflows`: a workflow of a Standard Logic App. Its network gates are the site's (access
 * restrictions, EasyAuth: site and config rows). The row does not say whether the triggers take SAS or OAuth
 * callers, so those facts are left unrecorded rather than guessed.
 */
function transformStandardWorkflow(row: ArmRow, out: TransformOutput): void {
  const siteId = ancestorId(row.id, 'sites');
  if (!siteId) throw new InputError({ file: row.file, index: row.index }, `${row.id} is not under a site`);
  addWorkflowApi(row, out, { id: siteId, kind: 'LogicApp' }, requestTriggers(standardDefinition(row)), {
    trigger: {},
    accessEndpoint: undefined,
  });
}

export const LOGIC_TRANSFORMS: TransformTable = {
  [WORKFLOWS]: transformConsumptionWorkflow,
  'microsoft.web/sites/workflows': transformStandardWorkflow,
};
